import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

import { powertoolsOncePerMessage } from "../core/idempotency";
import type { PersistenceFactory } from "../core/idempotency";
import type { InboundHandlerDeps } from "../core/inbound-handler";
import { createHandlerLogger } from "../core/log";
import type { StatusHandlerDeps } from "../core/status-handler";
import { webhookUrls } from "../core/urls";
import { DynamoDbOptOutStore, DynamoDbRouteStore } from "./dynamodb-stores";
import { ENV, requireEnv } from "./environment";
import { twilioAuthTokens } from "./secrets";
import { SqsMessageQueue } from "./sqs-queue";

/** Attribute names of the idempotency table; the AWS component creates it with these. */
export const IDEMPOTENCY_TABLE_KEYS = { keyAttr: "id", expiryAttr: "expiration" } as const;

/** What every function shares: logger, stores and the canonical URLs, from the environment. */
export function commonDeps(serviceName: string) {
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const logger = createHandlerLogger({ serviceName });
  const idempotencyTable = requireEnv(ENV.idempotencyTable);
  const persistence: PersistenceFactory = () => new DynamoDBPersistenceLayer({
    tableName: idempotencyTable, ...IDEMPOTENCY_TABLE_KEYS });

  return {
    logger,
    once: powertoolsOncePerMessage(persistence),
    urls: webhookUrls(requireEnv(ENV.webhookBaseUrl)),
    routes: new DynamoDbRouteStore(documents, requireEnv(ENV.routesTable)),
    optOuts: new DynamoDbOptOutStore(documents, requireEnv(ENV.optOutsTable)),
  };
}

/** The inbound function's dependencies. */
export function awsInboundDeps(): InboundHandlerDeps & { logger: Logger } {
  const twilioSecretId = requireEnv(ENV.twilioSecretId);
  return { ...commonDeps("sms-inbound"), authTokens: () => twilioAuthTokens(twilioSecretId),
    queue: new SqsMessageQueue(new SQSClient({}), requireEnv(ENV.queueUrl)) };
}

/** The delivery-status function's dependencies. */
export function awsStatusDeps(): StatusHandlerDeps & { logger: Logger } {
  const twilioSecretId = requireEnv(ENV.twilioSecretId);
  return { ...commonDeps("sms-status"), authTokens: () => twilioAuthTokens(twilioSecretId) };
}
