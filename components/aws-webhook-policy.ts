import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

import type { LambdaName } from "./aws-lambda-bundle";
import type { PolicyStatement } from "./aws-webhook-function";

/** The webhook's DynamoDB tables. */
export interface WebhookStores {
  routes: aws.dynamodb.Table;
  idempotency: aws.dynamodb.Table;
  optOuts: aws.dynamodb.Table;
}

/** The resources the functions touch. */
export interface PolicyTargets {
  stores: WebhookStores;
  queue: aws.sqs.Queue;
  twilioSecret: aws.secretsmanager.Secret;
  agentSecret: aws.secretsmanager.Secret;
}

/** Powertools idempotency reads, claims (conditional put), completes and releases records. */
const IDEMPOTENCY_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
  "dynamodb:DeleteItem"];

/**
 * The IAM statements of each function, each listing the exact ARNs it needs and nothing with a
 * wildcard: the inbound function can enqueue but not receive, only the worker reads the agent
 * secret, and no function can write routes (only `pulumi up` does).
 */
export function webhookStatements(targets: PolicyTargets): Record<LambdaName, PolicyStatement[]> {
  const { stores, queue, twilioSecret, agentSecret } = targets;
  const allow = (actions: string[], ...resources: pulumi.Input<string>[]): PolicyStatement =>
    ({ Effect: "Allow", Action: actions, Resource: resources });
  const readRoutes = allow(["dynamodb:GetItem"], stores.routes.arn);
  const idempotency = allow(IDEMPOTENCY_ACTIONS, stores.idempotency.arn);
  const readTwilioSecret = allow(["secretsmanager:GetSecretValue"], twilioSecret.arn);

  return {
    inbound: [readRoutes, idempotency, readTwilioSecret,
      allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], stores.optOuts.arn),
      allow(["sqs:SendMessage"], queue.arn)],
    worker: [readRoutes, idempotency, readTwilioSecret,
      allow(["dynamodb:GetItem", "dynamodb:PutItem"], stores.optOuts.arn),
      allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
        "sqs:ChangeMessageVisibility"], queue.arn),
      allow(["secretsmanager:GetSecretValue"], agentSecret.arn)],
    status: [readRoutes, readTwilioSecret,
      allow(["dynamodb:PutItem"], stores.optOuts.arn)],
  };
}
