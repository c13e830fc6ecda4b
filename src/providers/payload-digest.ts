import { createHash } from "node:crypto";

/**
 * A digest of a verification request, the same for the same fields whatever their order. The
 * verification records the digest of what it sent, so an audit can tell which version of an
 * integration file reached Twilio by computing the digest of each version from git history.
 */
export function payloadDigest(fields: Record<string, unknown>): string {
  const canonical = Object.keys(fields)
    .filter((key) => fields[key] !== undefined)
    .sort()
    .map((key) => [key, fields[key]]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
