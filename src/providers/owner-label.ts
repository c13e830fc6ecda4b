import { createHash } from "node:crypto";

/** Twilio's limit on a number's FriendlyName. */
const FRIENDLY_NAME_MAX = 64;

/** Every label this project writes starts so; a label without it is the customer's own. */
export const OWNER_PREFIX = "sms-integrations:";

/**
 * The label that says which stack and integration own a Twilio resource:
 * `sms-integrations:<stack>/<integration>`. It is the FriendlyName of the toll-free number and
 * the ExternalReferenceId of its verification, so a purchase retried after a crash finds the
 * number it bought, and a second stack never takes over a number or verification another stack
 * owns. Labels longer than Twilio's 64 characters keep their start and end a hash of the whole.
 */
export function ownerLabel(stack: string, integration: string): string {
  const label = `${OWNER_PREFIX}${stack}/${integration}`;
  if (label.length <= FRIENDLY_NAME_MAX) return label;

  const hash = createHash("sha256").update(label).digest("hex").slice(0, 8);
  return `${label.slice(0, FRIENDLY_NAME_MAX - hash.length - 1)}~${hash}`;
}

/** Whether a label names an owner of this project other than `mine`. */
export function isOtherOwner(label: string | null | undefined, mine: string): boolean {
  return Boolean(label?.startsWith(OWNER_PREFIX)) && label !== mine;
}
