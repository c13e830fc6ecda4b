/**
 * Twilio's error body on api.twilio.com and messaging.twilio.com: `{code, message, more_info,
 * status}`. twilio-node's RestException reads exactly these keys (twilio-node
 * src/base/RestException.ts).
 */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Thrown by a resource handler to answer with a Twilio error body. */
export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "TwilioApiError";
  }

  toBody(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/**
 * Codes the emulator answers with where Twilio's real answer is not documented (see
 * `../shared/docs/twilio-reference.md` 1.5, 1.6 and 8). They sit in a range Twilio does not
 * use so that no client code mistakes them for a documented Twilio code; clients should treat
 * them as "a 4xx refusal", which is all real Twilio promises.
 */
export const EMULATOR_ERROR_CODES = {
  /** A second verification for a toll-free number that already has one (HTTP 409). */
  duplicateVerification: 99101,
  /** An edit of a verification that is not TWILIO_REJECTED (HTTP 400). */
  editNotRejected: 99102,
  /** An edit of a rejected verification whose `edit_allowed` is false (HTTP 400). */
  editNotAllowed: 99103,
  /** An edit of a rejected verification after its `edit_expiration` (HTTP 400). */
  editExpired: 99104,
} as const;

/**
 * Where Twilio's code for a bad parameter value is not known, the emulator answers with the
 * HTTP status as the code: the style twilio-node#946 shows messaging v1 using
 * (`{"code": 400, "message": "Invalid business country", ...}`).
 */
export function badRequest(message: string): TwilioApiError {
  return new TwilioApiError(400, 400, message);
}

/** Twilio's 20404 for a path or SID that names nothing. */
export function notFound(path: string): TwilioApiError {
  return new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
}
