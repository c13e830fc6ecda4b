import { IdempotencyAlreadyInProgressError } from "@aws-lambda-powertools/idempotency";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";

import { createWorker } from "../core/worker";
import type { Worker } from "../core/worker";
import { awsWorkerDeps } from "./worker-deps";
import { lazyHandler } from "./lazy-handler";
import { inboundMessageFromSqs } from "./sqs-queue";

/**
 * The worker function over SQS. Each failed record is reported in `batchItemFailures` (the event
 * source mapping has `ReportBatchItemFailures`), so only that record is delivered again and,
 * after the queue's `maxReceiveCount`, moved to the dead-letter queue; the others are deleted.
 */
export function createWorkerLambda(work: Worker, logger: Logger) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    // Records run side by side: each may wait on the agent for its whole timeout.
    const processed = await Promise.all(event.Records.map((record) =>
      processRecord(work, record, context, logger)));
    const failures = event.Records.filter((_record, index) => !processed[index])
      .map((record) => ({ itemIdentifier: record.messageId }));
    return { batchItemFailures: failures };
  };
}

async function processRecord(
  work: Worker,
  record: SQSRecord,
  context: Context,
  logger: Logger,
): Promise<boolean> {
  const receives = Number(record.attributes.ApproximateReceiveCount);
  try {
    const message = inboundMessageFromSqs(record.body, record.messageId);
    const outcome = await work(message, context);
    logger.info("message processed", { messageSid: message.messageSid, outcome, receives });
    return true;
  } catch (err) {
    const inProgress = err instanceof IdempotencyAlreadyInProgressError;
    const log = inProgress ? logger.info.bind(logger) : logger.error.bind(logger);
    log(inProgress ? "message already being processed; delivering it again later"
      : "message processing failed; SQS delivers it again or dead-letters it",
    { sqsMessageId: record.messageId, receives, error: err as Error });
    return false;
  }
}

/** The Lambda entry point (bundled as `worker.js`, handler `worker.handler`). */
export const handler = lazyHandler(() => {
  const deps = awsWorkerDeps();
  return createWorkerLambda(createWorker(deps), deps.logger);
});
