/** Whether a value is a Twilio SID with the prefix: two letters and 32 hex digits. */
export function isSidOf(value: string, prefix: string): boolean {
  return new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value);
}
