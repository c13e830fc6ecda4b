import type { ApiHandler, ApiRequest, EmulatorContext } from "../context";
import { nowIso, rfc2822 } from "../dates";
import type { AvailableNumber } from "../inventory";
import type { ListFilters } from "../pagination";
import { apiListEnvelope, paginate, readPageQuery } from "../pagination";
import { compilePhoneNumberFilter } from "../phone-pattern";
import { areaCodeOf, formatFriendly, isE164 } from "../phone-numbers";
import { newSid } from "../sids";
import type { PhoneNumberRecord } from "../store";
import { TwilioApiError, notFound } from "../twilio-error";
import { readPhoneNumberSettings } from "./phone-number-settings";

/** Which IncomingPhoneNumbers resource a request went to: the main one or `/TollFree`. */
type Variant = "all" | "tollfree";

const base = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers`;

/**
 * An IncomingPhoneNumber on the wire (`api.v2010.account.incoming_phone_number`). Unset SMS
 * URLs come back as "" and unset voice URLs as null, as in the spec's examples. The
 * `/TollFree` sub-resource's schema has no `type`, so that variant leaves it out.
 */
export function renderPhoneNumber(
  record: PhoneNumberRecord,
  accountSid: string,
  variant: Variant = "all",
): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    account_sid: accountSid,
    address_sid: null,
    address_requirements: "none",
    api_version: "2010-04-01",
    beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: rfc2822(record.dateCreated),
    date_updated: rfc2822(record.dateUpdated),
    friendly_name: record.friendlyName,
    identity_sid: null,
    phone_number: record.phoneNumber,
    origin: "twilio",
    sid: record.sid,
    sms_application_sid: record.smsApplicationSid,
    sms_fallback_method: record.smsFallbackMethod,
    sms_fallback_url: record.smsFallbackUrl,
    sms_method: record.smsMethod,
    sms_url: record.smsUrl,
    status_callback: record.statusCallback,
    status_callback_method: record.statusCallbackMethod,
    trunk_sid: null,
    uri: `${base(accountSid)}/${record.sid}.json`,
    voice_receive_mode: "voice",
    voice_application_sid: record.voiceApplicationSid,
    voice_caller_id_lookup: record.voiceCallerIdLookup,
    voice_fallback_method: record.voiceFallbackMethod,
    voice_fallback_url: record.voiceFallbackUrl,
    voice_method: record.voiceMethod,
    voice_url: record.voiceUrl,
    emergency_status: "Inactive",
    emergency_address_sid: null,
    emergency_address_status: "unregistered",
    bundle_sid: null,
    status: "in-use",
  };
  if (variant === "all") resource.type = record.type;
  return resource;
}

/** A new IncomingPhoneNumber record with Twilio's defaults. */
export function newPhoneNumberRecord(
  ctx: EmulatorContext,
  available: AvailableNumber,
): PhoneNumberRecord {
  const now = nowIso();
  return {
    seq: ctx.store.nextSeq(),
    sid: newSid("PN"),
    phoneNumber: available.phoneNumber,
    isoCountry: available.isoCountry,
    type: available.type,
    friendlyName: formatFriendly(available.phoneNumber),
    smsUrl: "",
    smsMethod: "POST",
    smsFallbackUrl: "",
    smsFallbackMethod: "POST",
    smsApplicationSid: null,
    statusCallback: "",
    statusCallbackMethod: "POST",
    voiceUrl: null,
    voiceMethod: "POST",
    voiceFallbackUrl: null,
    voiceFallbackMethod: "POST",
    voiceApplicationSid: null,
    voiceCallerIdLookup: false,
    messagingServiceSid: null,
    dateCreated: now,
    dateUpdated: now,
  };
}

/** Buys a number: `POST IncomingPhoneNumbers.json` or `IncomingPhoneNumbers/TollFree.json`. */
export function createPhoneNumber(variant: Variant): ApiHandler {
  return (ctx, req) => {
    const settings = readPhoneNumberSettings(req.form);
    const available = chooseNumber(ctx, req, variant);
    const record = { ...newPhoneNumberRecord(ctx, available), ...settings };
    ctx.store.addPhoneNumber(record);
    return { status: 201, body: renderPhoneNumber(record, ctx.settings.accountSid, variant) };
  };
}

function chooseNumber(ctx: EmulatorContext, req: ApiRequest, variant: Variant): AvailableNumber {
  const phoneNumber = req.form.get("PhoneNumber");
  const areaCode = req.form.get("AreaCode");
  if (areaCode !== undefined && variant === "tollfree") {
    // Twilio 21457: "AreaCode not supported" on the type-specific sub-resources.
    throw new TwilioApiError(400, 21457, "AreaCode is not supported for this resource");
  }
  if (phoneNumber !== undefined) return exactNumber(ctx, phoneNumber, variant);
  if (areaCode !== undefined) return numberInAreaCode(ctx, areaCode);
  throw new TwilioApiError(400, 21421, "You must provide an AreaCode or a PhoneNumber");
}

function exactNumber(ctx: EmulatorContext, phoneNumber: string, variant: Variant) {
  if (!isE164(phoneNumber)) {
    throw new TwilioApiError(400, 21421, `PhoneNumber ${phoneNumber} is invalid`);
  }
  const available = ctx.store.inventory.get(phoneNumber);
  if (!available || (variant === "tollfree" && available.type !== "tollfree")) {
    throw new TwilioApiError(400, 21422, `PhoneNumber ${phoneNumber} is not available`);
  }
  return available;
}

function numberInAreaCode(ctx: EmulatorContext, areaCode: string): AvailableNumber {
  if (!/^[2-9]\d{2}$/.test(areaCode)) {
    throw new TwilioApiError(400, 21451, `AreaCode ${areaCode} is invalid`);
  }
  for (const available of ctx.store.inventory.values()) {
    if (areaCodeOf(available.phoneNumber) === areaCode) return available;
  }
  throw new TwilioApiError(400, 21452, `No phone numbers found in area code ${areaCode}`);
}

/** `GET IncomingPhoneNumbers/{Sid}.json` */
export const fetchPhoneNumber: ApiHandler = (ctx, req) => ({
  status: 200,
  body: renderPhoneNumber(ownedNumber(ctx, req), ctx.settings.accountSid),
});

/** `POST IncomingPhoneNumbers/{Sid}.json`: answers 200, not 201. */
export const updatePhoneNumber: ApiHandler = (ctx, req) => {
  const record = ownedNumber(ctx, req);
  Object.assign(record, readPhoneNumberSettings(req.form), { dateUpdated: nowIso() });
  return { status: 200, body: renderPhoneNumber(record, ctx.settings.accountSid) };
};

/**
 * `DELETE IncomingPhoneNumbers/{Sid}.json` releases the number: 204. It does not go back on
 * sale in the emulator; on Twilio a released number is not promised to come back either.
 */
export const releasePhoneNumber: ApiHandler = (ctx, req) => {
  ctx.store.removePhoneNumber(ownedNumber(ctx, req).sid);
  return { status: 204 };
};

/** `GET IncomingPhoneNumbers.json` and `/TollFree.json`, oldest first. */
export function listPhoneNumbers(variant: Variant): ApiHandler {
  return (ctx, req) => {
    const { filters, matches } = listFilters(req);
    const records = [...ctx.store.phoneNumbers.values()].filter(
      (record) => (variant === "all" || record.type === "tollfree") && matches(record),
    );
    const result = paginate(records, readPageQuery(req.query), "asc");
    const rendered = result.records.map((record) =>
      renderPhoneNumber(record, ctx.settings.accountSid, variant),
    );
    return {
      status: 200,
      body: apiListEnvelope("incoming_phone_numbers", rendered, req.path, filters, result),
    };
  };
}

function listFilters(req: ApiRequest) {
  const filters: ListFilters = [];
  const tests: Array<(record: PhoneNumberRecord) => boolean> = [];
  const phoneNumber = req.query.get("PhoneNumber");
  if (phoneNumber !== undefined) {
    filters.push(["PhoneNumber", phoneNumber]);
    const matchesNumber = compilePhoneNumberFilter(phoneNumber);
    tests.push((record) => matchesNumber(record.phoneNumber));
  }
  const friendlyName = req.query.get("FriendlyName");
  if (friendlyName !== undefined) {
    filters.push(["FriendlyName", friendlyName]);
    tests.push((record) => record.friendlyName === friendlyName);
  }
  const origin = req.query.get("Origin");
  if (origin !== undefined) {
    filters.push(["Origin", origin]);
    tests.push(() => origin === "twilio");
  }
  return { filters, matches: (record: PhoneNumberRecord) => tests.every((test) => test(record)) };
}

function ownedNumber(ctx: EmulatorContext, req: ApiRequest): PhoneNumberRecord {
  const record = ctx.store.phoneNumbers.get(req.params.sid);
  if (!record) throw notFound(req.path);
  return record;
}
