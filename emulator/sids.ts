import { randomBytes } from "node:crypto";

/**
 * Two-letter SID prefixes the emulator hands out. Twilio SIDs are the prefix followed by 32
 * hex digits, 34 characters in all (`^PN[0-9a-fA-F]{32}$` and the like in the OpenAPI specs).
 */
export type SidPrefix = "AC" | "AP" | "BU" | "HH" | "MG" | "PN" | "RA" | "SK" | "SM";

/** Makes a new random SID with Twilio's prefix and length. */
export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString("hex");
}

/** Whether a value has the shape of a SID with the given prefix. */
export function isSid(value: unknown, prefix: SidPrefix): value is string {
  return typeof value === "string" && new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value);
}

/** Makes a random 32-hex-digit secret, the shape of a Twilio auth token. */
export function newAuthToken(): string {
  return randomBytes(16).toString("hex");
}
