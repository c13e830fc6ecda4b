import { parsePhoneNumberFromString } from "libphonenumber-js/max";

import { TOLL_FREE_AREA_CODES } from "../twilio/enums";

/** A phone number read by libphonenumber-js; shared between callers, so read-only. */
export type ParsedPhone =
  | { readonly ok: true; readonly e164: string; readonly areaCode?: string;
    readonly tollFree: boolean }
  | { readonly ok: false; readonly reason: string };

// Parsing with the "max" metadata is the costliest step of checking a file, and the same
// strings come back: three rules read each existing number, and a fleet's files share their
// contact numbers. Results are kept per string, up to a bound that no repository reaches.
const parsed = new Map<string, ParsedPhone>();
const MAX_PARSED = 100_000;

/**
 * Parses `value` as an E.164 number (`+` and digits only, as Twilio stores them). The "max"
 * metadata is used because only it knows number types, which tell toll-free from local.
 */
export function parseE164(value: string): ParsedPhone {
  let result = parsed.get(value);
  if (result === undefined) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    result = parseWithMetadata(value);
    parsed.set(value, result);
  }
  return result;
}

function parseWithMetadata(value: string): ParsedPhone {
  const phone = parsePhoneNumberFromString(value);
  if (!phone || !phone.isValid()) {
    return { ok: false, reason: "is not a valid phone number" };
  }
  if (phone.number !== value) {
    return { ok: false, reason: `is not written in E.164 (write it as ${phone.number})` };
  }

  const nanp = phone.countryCallingCode === "1";
  const areaCode = nanp ? phone.nationalNumber.slice(0, 3) : undefined;
  const tollFree = nanp && isTollFreeAreaCode(areaCode) && phone.getType() === "TOLL_FREE";
  return { ok: true, e164: phone.number, areaCode, tollFree };
}

/** True for the NANP toll-free area codes (800, 833, 844, 855, 866, 877, 888). */
export function isTollFreeAreaCode(areaCode: string | undefined): boolean {
  return (TOLL_FREE_AREA_CODES as readonly string[]).includes(areaCode ?? "");
}
