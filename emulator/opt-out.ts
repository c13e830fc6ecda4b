/** The `OptOutType` Twilio adds to an inbound webhook when the body is a keyword. */
export type OptOutType = "STOP" | "START" | "HELP";

/**
 * Twilio's default keywords (Advanced Opt-Out docs): opt-out STOP, STOPALL, UNSUBSCRIBE, CANCEL,
 * END, QUIT, REVOKE, OPTOUT; opt-in START, UNSTOP (YES too on long codes, but on toll-free only
 * START and UNSTOP lift the carrier block, so the emulator treats YES as chat); help HELP, INFO.
 * Only a message that is the keyword alone counts, in any case, surrounding spaces trimmed.
 */
const KEYWORDS: Record<string, OptOutType> = {
  STOP: "STOP", STOPALL: "STOP", UNSUBSCRIBE: "STOP", CANCEL: "STOP", END: "STOP", QUIT: "STOP",
  REVOKE: "STOP", OPTOUT: "STOP",
  START: "START", UNSTOP: "START",
  HELP: "HELP", INFO: "HELP",
};

export function optOutTypeOf(body: string): OptOutType | undefined {
  return KEYWORDS[body.trim().toUpperCase()];
}

/**
 * The toll-free network's own reply, which cannot be turned off or changed (Twilio support
 * article 360058144374, "Opt-out keyword handling for Toll-Free SMS"); the keyword is echoed.
 */
export function networkReply(type: OptOutType, keyword: string): string | undefined {
  const word = keyword.trim().toLowerCase();
  if (type === "STOP") {
    return `NETWORK MSG: You replied with the word "${word}" which blocks all texts sent from ` +
      `this number. Text back "unstop" to receive messages again.`;
  }
  if (type === "START") {
    return `NETWORK MSG: You have replied "${word}" and will begin receiving messages again ` +
      `from this number.`;
  }
  return undefined;
}
