import { IdempotencyAlreadyInProgressError } from "@aws-lambda-powertools/idempotency";

import { MESSAGE_SID_RETENTION_SECONDS } from "../core/once-per-message";
import type { OnceGuard, OncePerMessage } from "../core/once-per-message";

/** Options of {@link inProcessOncePerMessage}; both are for tests. */
export interface InProcessOnceOptions {
  /** Defaults to {@link MESSAGE_SID_RETENTION_SECONDS}. */
  retentionMs?: number;
  /** Defaults to `Date.now`. */
  now?: () => number;
}

type MessageRecord<R> = { running: true } | { running: false; value: R; expiresAt: number };

/**
 * The local runtime's once-per-MessageSid guard: a map per operation in the process, with the
 * rules of {@link OncePerMessage}. One process owns the records, so nothing has to be written
 * conditionally or hashed, and no lease is needed: a run that fails settles its promise and
 * frees its MessageSid. Powertools idempotency over a map cost about as much as the rest of the
 * webhook's answer together (BENCHMARKS.md, "Where the time goes").
 * Known shortcoming: records live as long as the process, so a restart forgets them and a
 * redelivery after it runs again; the AWS runtime keeps them in DynamoDB.
 */
export function inProcessOncePerMessage(options: InProcessOnceOptions = {}): OncePerMessage {
  const retentionMs = options.retentionMs ?? MESSAGE_SID_RETENTION_SECONDS * 1000;
  const now = options.now ?? Date.now;

  return <T extends { messageSid: string }, R>(operation: string,
    run: (input: T) => Promise<R>): OnceGuard<T, R> => {
    const records = new Map<string, MessageRecord<R>>();

    return async (input) => {
      forgetExpired(records, now());
      const record = records.get(input.messageSid);
      if (record?.running) {
        throw new IdempotencyAlreadyInProgressError(
          `${operation} for ${input.messageSid} is still running`);
      }
      if (record) return { value: record.value, duplicate: true };

      records.set(input.messageSid, { running: true });
      try {
        const value = await run(input);
        records.set(input.messageSid, { running: false, value, expiresAt: now() + retentionMs });
        return { value, duplicate: false };
      } catch (err) {
        records.delete(input.messageSid);
        throw err;
      }
    };
  };
}

/**
 * Drops expired records from the front of the map. A map keeps insertion order and every
 * record lives equally long, so the oldest come first and each call does little work.
 */
function forgetExpired<R>(records: Map<string, MessageRecord<R>>, at: number): void {
  for (const [messageSid, record] of records) {
    if (record.running || record.expiresAt > at) return;
    records.delete(messageSid);
  }
}
