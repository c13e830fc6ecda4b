import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * NANP toll-free area codes, shared by the US and Canada: "NANP toll-free numbers begin with
 * 800, 888, 877, 866, 855, 844, or 833" (Twilio toll-free verification docs).
 */
export const TOLL_FREE_AREA_CODES = ["800", "833", "844", "855", "866", "877", "888"] as const;

/** The countries the emulator sells numbers in. */
export const COUNTRIES = ["US", "CA"] as const;
export type IsoCountry = (typeof COUNTRIES)[number];

export type NumberType = "tollfree" | "local";

/** Whether a string is a valid E.164 phone number (libphonenumber-js metadata). */
export function isE164(value: string): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(value)) return false;
  return parsePhoneNumberFromString(value)?.isValid() ?? false;
}

/** Whether an E.164 number is a NANP number (+1 and ten digits). */
export function isNanp(value: string): boolean {
  return /^\+1[2-9]\d{2}[2-9]\d{6}$/.test(value);
}

/** The three-digit area code of a NANP number. */
export function areaCodeOf(e164: string): string {
  return e164.slice(2, 5);
}

export function numberTypeOf(e164: string): NumberType {
  const code = areaCodeOf(e164);
  return isNanp(e164) && (TOLL_FREE_AREA_CODES as readonly string[]).includes(code)
    ? "tollfree"
    : "local";
}

/**
 * The country of a local NANP number (libphonenumber-js knows which area codes are
 * Canadian); toll-free numbers belong to both, so their country is whatever inventory they
 * were sold from, US by default.
 */
export function countryOf(e164: string): IsoCountry {
  if (numberTypeOf(e164) === "tollfree") return "US";
  return parsePhoneNumberFromString(e164)?.country === "CA" ? "CA" : "US";
}

/** Twilio's default friendly name for a NANP number: `(833) 555-0100`. */
export function formatFriendly(e164: string): string {
  if (!isNanp(e164)) return e164;
  return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
}

/** A phone number with its middle digits hidden, for log lines. */
export function maskNumber(e164: string): string {
  return e164.length > 6 ? `${e164.slice(0, 5)}***${e164.slice(-2)}` : "***";
}
