/**
 * The value a dynamic provider receives, during a preview, for an input that is not known yet
 * (for example a webhook URL that an AWS resource will produce). It arrives as this string even
 * where a list or object is expected (DefangLabs/pulumi-defang#53), so code must test for it
 * before using a value.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value, or anything nested in it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") {
    return Object.values(value).some(containsUnknown);
  }
  return false;
}
