import type { Context } from "aws-lambda";

/** How long a MessageSid is remembered: Twilio redelivers within minutes, SQS within days. */
export const MESSAGE_SID_RETENTION_SECONDS = 4 * 24 * 60 * 60;

/** The outcome of a once-per-MessageSid operation. */
export interface OnceResult<R> {
  value: R;
  /** True when the operation had already completed for this MessageSid and did not run again. */
  duplicate: boolean;
}

/** One operation guarded by its MessageSid. */
export type OnceGuard<T, R> = (input: T, lambdaContext?: Context) => Promise<OnceResult<R>>;

/**
 * Makes `run` happen at most once per `messageSid`; each runtime brings its own store. The rules
 * are Powertools idempotency's, whichever store keeps the records: a later call for the same
 * MessageSid gets the stored result; a call while the first still runs throws Powertools'
 * `IdempotencyAlreadyInProgressError`; a failed run leaves no record, so a retry runs again;
 * records expire after {@link MESSAGE_SID_RETENTION_SECONDS}. `R` must survive a JSON round trip,
 * as a store outside the process returns it that way.
 */
export type OncePerMessage = <T extends { messageSid: string }, R>(
  operation: string,
  run: (input: T) => Promise<R>,
) => OnceGuard<T, R>;
