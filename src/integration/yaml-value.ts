/** Helpers to read and quote values of a parsed YAML document in messages. */

/** The value at `segments` in `root`, or `undefined` when the document does not have it. */
export function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

const MAX_QUOTED = 60;

/** A value as a message quotes it: strings in double quotes (shortened), others described. */
export function quoteValue(value: unknown): string {
  if (typeof value === "string") {
    const short = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value;
    return JSON.stringify(short);
  }
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}
