import type { FormParams } from "../form-params";
import { isSid } from "../sids";
import type { HttpMethod, PhoneNumberRecord } from "../store";
import { TwilioApiError, badRequest } from "../twilio-error";

/** The IncomingPhoneNumber fields create and update accept, as stored on the record. */
export type PhoneNumberSettings = Partial<
  Pick<
    PhoneNumberRecord,
    | "friendlyName" | "smsUrl" | "smsMethod" | "smsFallbackUrl" | "smsFallbackMethod"
    | "smsApplicationSid" | "statusCallback" | "statusCallbackMethod" | "voiceUrl"
    | "voiceMethod" | "voiceFallbackUrl" | "voiceFallbackMethod" | "voiceApplicationSid"
    | "voiceCallerIdLookup"
  >
>;

/** FriendlyName: "A descriptive string … It can be up to 64 characters long" (2010 spec). */
export const FRIENDLY_NAME_MAX = 64;

/**
 * Reads the settings a create or update sends. An empty string clears a URL or an application
 * SID, as it does on Twilio; a bad value is a 400 that names the parameter.
 */
export function readPhoneNumberSettings(form: FormParams): PhoneNumberSettings {
  const settings: PhoneNumberSettings = {};
  const friendlyName = form.get("FriendlyName");
  if (friendlyName !== undefined) settings.friendlyName = checkFriendlyName(friendlyName);

  assignUrl(settings, "smsUrl", form, "SmsUrl");
  assignUrl(settings, "smsFallbackUrl", form, "SmsFallbackUrl");
  assignUrl(settings, "statusCallback", form, "StatusCallback");
  assignMethod(settings, "smsMethod", form, "SmsMethod");
  assignMethod(settings, "smsFallbackMethod", form, "SmsFallbackMethod");
  assignMethod(settings, "statusCallbackMethod", form, "StatusCallbackMethod");
  assignMethod(settings, "voiceMethod", form, "VoiceMethod");
  assignMethod(settings, "voiceFallbackMethod", form, "VoiceFallbackMethod");
  assignApplication(settings, "smsApplicationSid", form, "SmsApplicationSid");
  assignApplication(settings, "voiceApplicationSid", form, "VoiceApplicationSid");

  const voiceUrl = form.get("VoiceUrl");
  if (voiceUrl !== undefined) settings.voiceUrl = voiceUrl === "" ? null : checkUrl("VoiceUrl", voiceUrl);
  const voiceFallbackUrl = form.get("VoiceFallbackUrl");
  if (voiceFallbackUrl !== undefined) {
    settings.voiceFallbackUrl =
      voiceFallbackUrl === "" ? null : checkUrl("VoiceFallbackUrl", voiceFallbackUrl);
  }
  const lookup = form.getBoolean("VoiceCallerIdLookup");
  if (lookup !== undefined) settings.voiceCallerIdLookup = lookup;
  return settings;
}

function checkFriendlyName(value: string): string {
  if (value.length <= FRIENDLY_NAME_MAX) return value;
  throw new TwilioApiError(
    400, 20002,
    `FriendlyName is ${value.length} characters long; it can be at most ${FRIENDLY_NAME_MAX}`,
  );
}

type UrlKey = "smsUrl" | "smsFallbackUrl" | "statusCallback";
type MethodKey =
  | "smsMethod" | "smsFallbackMethod" | "statusCallbackMethod" | "voiceMethod"
  | "voiceFallbackMethod";
type ApplicationKey = "smsApplicationSid" | "voiceApplicationSid";

function assignUrl(settings: PhoneNumberSettings, key: UrlKey, form: FormParams, param: string) {
  const value = form.get(param);
  if (value !== undefined) settings[key] = value === "" ? "" : checkUrl(param, value);
}

function assignMethod(
  settings: PhoneNumberSettings,
  key: MethodKey,
  form: FormParams,
  param: string,
) {
  const value = form.get(param);
  if (value === undefined) return;
  const method = value.toUpperCase();
  if (method !== "GET" && method !== "POST") {
    throw badRequest(`${param} must be GET or POST, got '${value}'`);
  }
  settings[key] = method as HttpMethod;
}

function assignApplication(
  settings: PhoneNumberSettings,
  key: ApplicationKey,
  form: FormParams,
  param: string,
) {
  const value = form.get(param);
  if (value === undefined) return;
  if (value !== "" && !isSid(value, "AP")) {
    throw badRequest(`${param} must be an Application SID (AP followed by 32 hex digits)`);
  }
  settings[key] = value === "" ? null : value;
}

function checkUrl(param: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return value;
  } catch {
    // reported below
  }
  throw badRequest(`${param} '${value}' is not an http or https URL`);
}
