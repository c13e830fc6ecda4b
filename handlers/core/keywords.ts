/** What an inbound message means for the conversation. */
export type MessageIntent = "opt-out" | "opt-in" | "help" | "chat";

/**
 * Twilio's default opt-out keywords for long codes and toll-free numbers (twilio-reference
 * 5.4). Twilio blocks further sends to the sender (error 21610) and still forwards the message.
 */
const OPT_OUT = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
  "OPTOUT"]);

/**
 * Only START and UNSTOP lift the carrier-level block on a toll-free number; YES, an opt-in
 * keyword on long codes, does nothing there (Twilio support 360058144374), so it stays chat.
 */
const OPT_IN = new Set(["START", "UNSTOP"]);

const HELP = new Set(["HELP", "INFO"]);

/** Twilio's `OptOutType` values, sent when Advanced Opt-Out matched a (custom) keyword. */
const OPT_OUT_TYPES: Record<string, MessageIntent> = { STOP: "opt-out", START: "opt-in",
  HELP: "help" };

/**
 * Classifies an inbound message. Only a single-word message is a keyword (case-insensitive,
 * surrounding whitespace and trailing punctuation ignored): "Stop." opts out, "Stop please" and
 * "please stop by tomorrow" are chat (field case F16). `optOutType` wins when Twilio sends it.
 */
export function classifyMessage(body: string, optOutType?: string): MessageIntent {
  const fromTwilio = optOutType ? OPT_OUT_TYPES[optOutType.trim().toUpperCase()] : undefined;
  if (fromTwilio) return fromTwilio;

  const word = body.trim().replace(/[.!?]+$/, "").toUpperCase();
  if (OPT_OUT.has(word)) return "opt-out";
  if (OPT_IN.has(word)) return "opt-in";
  if (HELP.has(word)) return "help";
  return "chat";
}
