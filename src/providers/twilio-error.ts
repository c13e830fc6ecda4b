/** The fields of a twilio-node `RestException` that decisions are made on. */
export interface TwilioErrorLike {
  status?: number;
  code?: number;
  message: string;
}

/** Whether an error is a Twilio API error with the given error code. */
export function isTwilioError(err: unknown, code: number): boolean {
  return twilioCode(err) === code;
}

/** The Twilio error code of an API error (for example 21422), or undefined. */
export function twilioCode(err: unknown): number | undefined {
  if (err === null || typeof err !== "object") return undefined;
  const code = (err as TwilioErrorLike).code;
  return typeof code === "number" ? code : undefined;
}

/** The message of any thrown value, for wrapping in an error that says where and what to do. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) {
    const code = twilioCode(err);
    return code === undefined ? err.message : `${err.message} (Twilio error ${code})`;
  }
  return String(err);
}
