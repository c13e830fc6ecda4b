/** Anything that looks like an E.164 number, inside any string. */
const E164 = /\+[1-9]\d{6,14}/g;

/** Log keys whose values are never written, whatever they hold. */
const SECRET_KEY = /token|secret|password|authorization|signature|apikey|credential/i;

/** Masks a phone number to its last four digits: `+18335550100` becomes `+*******0100`. */
export function maskPhone(phoneNumber: string): string {
  const digits = phoneNumber.replace(/^\+/, "");
  if (digits.length <= 4) return "+****";
  return `+${"*".repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Masks every phone number inside `text`. */
export function maskPhones(text: string): string {
  return text.replace(E164, maskPhone);
}

/**
 * A `JSON.stringify` replacer for log records: values under secret-looking keys are replaced,
 * and phone numbers inside any string are masked, so a careless call site cannot leak either.
 */
export function redactLogValue(key: string, value: unknown): unknown {
  if (key && SECRET_KEY.test(key) && value !== undefined && value !== null) return "[redacted]";
  if (typeof value === "string") return maskPhones(value);
  return value;
}
