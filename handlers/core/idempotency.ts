import { IdempotencyConfig, IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError,
  IdempotencyRecordStatus, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { BasePersistenceLayer } from "@aws-lambda-powertools/idempotency/persistence";
import type { IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";
import type { JSONValue } from "@aws-lambda-powertools/commons/types";

import { MESSAGE_SID_RETENTION_SECONDS } from "./once-per-message";
import type { OnceGuard, OncePerMessage } from "./once-per-message";

/**
 * Makes the persistence layer of one idempotent operation. Powertools configures a layer once
 * and keeps its key prefix on the instance, so every operation needs its own instance; they may
 * share one table (AWS) or one map (local runtime).
 */
export type PersistenceFactory = (operation: string) => BasePersistenceLayer;

/**
 * The once-per-MessageSid guard of Powertools idempotency, over the layers `persistence` makes:
 * DynamoDB on AWS, where several function instances share the records.
 */
export function powertoolsOncePerMessage(persistence: PersistenceFactory): OncePerMessage {
  return (operation, run) => guard(operation, run, persistence);
}

function guard<T extends { messageSid: string }, R>(
  operation: string,
  run: (input: T) => Promise<R>,
  persistence: PersistenceFactory,
): OnceGuard<T, R> {
  const config = new IdempotencyConfig({
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: MESSAGE_SID_RETENTION_SECONDS,
  });
  // Inputs whose run started in this process; any other answer came from the store.
  const ran = new WeakSet<T>();
  // The MessageSid goes first and alone: Powertools hashes the first argument as the key. That
  // is the record key a JMESPath `messageSid` over the input gave, without evaluating one per
  // call, and the wrapper is built once, not per message.
  const once = makeIdempotent(async (_messageSid: string, input: T): Promise<R> => {
    ran.add(input);
    return run(input);
  }, { persistenceStore: persistence(operation), config, keyPrefix: operation });

  return async (input, lambdaContext) => {
    if (lambdaContext) config.registerLambdaContext(lambdaContext);
    const value = await once(input.messageSid, input);
    return { value, duplicate: !ran.has(input) };
  };
}

/**
 * Idempotency records in a map, with the same conditional-put rule as Powertools' DynamoDB layer:
 * a record blocks a second run unless it expired or its in-progress lease ran out.
 */
export class InMemoryPersistenceLayer extends BasePersistenceLayer {
  constructor(
    private readonly records: Map<string, IdempotencyRecord> = new Map(),
    /** In-progress lease when no Lambda context gives the remaining time. */
    private readonly leaseMs = 60_000,
  ) {
    super();
  }

  override saveInProgress(data: JSONValue, remainingTimeInMillis?: number): Promise<void> {
    // Without a lease Powertools warns on every call and a crashed run would block the
    // MessageSid until the record expires.
    return super.saveInProgress(data, remainingTimeInMillis ?? this.leaseMs);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing && !replaceable(existing)) {
      throw new IdempotencyItemAlreadyExistsError(
        `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
        existing,
      );
    }
    this.records.set(record.idempotencyKey, record);
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = this.records.get(idempotencyKey);
    if (!record) throw new IdempotencyItemNotFoundError();
    return record;
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.records.set(record.idempotencyKey, record);
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.records.delete(record.idempotencyKey);
  }
}

/** One map shared by every operation's layer, for tests of the Powertools guard. */
export function inMemoryPersistence(leaseMs?: number): PersistenceFactory {
  const records = new Map<string, IdempotencyRecord>();
  return () => new InMemoryPersistenceLayer(records, leaseMs);
}

function replaceable(record: IdempotencyRecord): boolean {
  if (record.isExpired()) return true;

  const lease = record.inProgressExpiryTimestamp;
  return record.getStatus() === IdempotencyRecordStatus.INPROGRESS && lease !== undefined &&
    lease < Date.now();
}
