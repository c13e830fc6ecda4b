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
  // Most values hold no `+` at all; the test is far cheaper than running the pattern.
  if (typeof value === "string" && value.includes("+")) return maskPhones(value);
  return value;
}

/** Deeper than any record the handlers write; what lies below is not written. */
const MAX_DEPTH = 8;

/**
 * A copy of `fields` fit for a log line, for loggers that take objects instead of a replacer:
 * {@link redactLogValue} at every depth, errors as their name, message and stack.
 */
export function redactLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  return redactObject(fields, new WeakSet(), 0);
}

function redactDeep(key: string, value: unknown, seen: WeakSet<object>, depth: number): unknown {
  const redacted = redactLogValue(key, value);
  if (redacted !== value || typeof value !== "object" || value === null) return redacted;
  if (seen.has(value) || depth >= MAX_DEPTH) return "[not logged]";

  seen.add(value);
  if (value instanceof Error) return redactError(value, seen, depth);
  if (Array.isArray(value)) {
    return value.map((item, index) => redactDeep(String(index), item, seen, depth + 1));
  }
  return redactObject(value as Record<string, unknown>, seen, depth + 1);
}

function redactObject(value: Record<string, unknown>, seen: WeakSet<object>, depth: number) {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactDeep(key, item, seen, depth);
  return copy;
}

function redactError(error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: maskPhones(error.message),
    stack: error.stack === undefined ? undefined : maskPhones(error.stack),
    ...(cause === undefined ? {} : { cause: redactDeep("cause", cause, seen, depth + 1) }),
  };
}
