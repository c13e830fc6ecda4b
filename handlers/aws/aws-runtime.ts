import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

import { createAgentClient } from "../../agent/client";
import type { AgentClient } from "../../agent/client";
import { powertoolsOncePerMessage } from "../core/idempotency";
import type { PersistenceFactory } from "../core/idempotency";
import type { InboundHandlerDeps } from "../core/inbound-handler";
import { createHandlerLogger } from "../core/log";
import type { MessageSender } from "../core/message-sender";
import type { StatusHandlerDeps } from "../core/status-handler";
import { twilioMessageSender } from "../core/twilio-sender";
import { webhookUrls } from "../core/urls";
import type { WorkerDeps } from "../core/worker";
import { DynamoDbOptOutStore, DynamoDbRouteStore } from "./dynamodb-stores";
import { ENV, requireEnv } from "./environment";
import { readJsonSecret, twilioAuthTokens } from "./secrets";
import type { AgentSecret, TwilioSecret } from "./secrets";
import { SqsMessageQueue } from "./sqs-queue";

/** Attribute names of the idempotency table; the AWS component creates it with these. */
export const IDEMPOTENCY_TABLE_KEYS = { keyAttr: "id", expiryAttr: "expiration" } as const;

/** What every function shares: logger, stores and the canonical URLs, from the environment. */
function commonDeps(serviceName: string) {
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

/** The worker function's dependencies. */
export function awsWorkerDeps(): WorkerDeps & { logger: Logger } {
  return { ...commonDeps("sms-worker"),
    agent: agentFromSecret(requireEnv(ENV.agentSecretId)),
    sender: senderFromSecret(requireEnv(ENV.twilioSecretId)),
    agentRetry: { attempts: 2, backoffMs: 1_000 } };
}

function agentFromSecret(secretId: string): AgentClient {
  return {
    async ask(request) {
      const secret = await readJsonSecret<AgentSecret>(secretId);
      if (!secret.url || !secret.token) {
        throw new Error(`config_error: agent secret ${secretId} lacks url or token`);
      }
      return createAgentClient({ url: secret.url, token: secret.token }).ask(request);
    },
  };
}

/**
 * Replies authenticate with the API key when the secret has one, else with the auth token.
 * The secret is read (from Powertools' cache) before each send, so a rotated credential is
 * used within the cache time without a redeploy.
 */
function senderFromSecret(secretId: string): MessageSender {
  return twilioMessageSender(async () => {
    const secret = await readJsonSecret<TwilioSecret>(secretId);
    const { accountSid, apiKey, apiSecret, authToken } = secret;
    if (!accountSid || !((apiKey && apiSecret) || authToken)) {
      throw new Error(`config_error: Twilio secret ${secretId} lacks accountSid and a credential`);
    }
    return apiKey && apiSecret ? { accountSid, apiKey, apiSecret } : { accountSid, authToken };
  });
}
