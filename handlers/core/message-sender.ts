/** A reply as the worker hands it to the Messages API. */
export interface OutboundMessage {
  /** The integration's toll-free number. */
  from: string;
  /** The original sender. */
  to: string;
  body: string;
  /** The stack's delivery-status endpoint. */
  statusCallback: string;
}

/** Sends SMS; throws twilio-node's `RestException` (or anything with `code`, `status`). */
export interface MessageSender {
  send(message: OutboundMessage): Promise<{ sid: string }>;
}

/** How a failed send is treated. */
export interface SendFailure {
  /** True when retrying cannot help: the worker logs it and moves on. */
  final: boolean;
  code?: number;
  status?: number;
  message: string;
}

/** 21610: the recipient texted STOP; Twilio refuses every send until they text START. */
export const UNSUBSCRIBED_RECIPIENT = 21610;

/** 30032: the toll-free number is not verified (yet); outbound is blocked meanwhile (F09). */
export const TOLL_FREE_NOT_VERIFIED = 30032;

/**
 * Classifies a send error. 21610 and 30032 are final whatever the HTTP status; so is any other
 * 4xx except 429, which is a request Twilio will refuse again. 429, 5xx and network errors are
 * worth a retry (twilio-reference 4.2: a 429 was not processed and is safe to resend).
 */
export function classifySendError(err: unknown): SendFailure {
  const fields = (typeof err === "object" && err !== null ? err : {}) as
    { code?: unknown; status?: unknown; message?: unknown };
  const code = typeof fields.code === "number" ? fields.code : undefined;
  const status = typeof fields.status === "number" ? fields.status : undefined;
  const message = typeof fields.message === "string" ? fields.message : String(err);

  if (code === UNSUBSCRIBED_RECIPIENT || code === TOLL_FREE_NOT_VERIFIED) {
    return { final: true, code, status, message };
  }
  const final = status !== undefined && status >= 400 && status < 500 && status !== 429;
  return { final, code, status, message };
}
