import path from "node:path";

import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { IDEMPOTENCY_TABLE_KEYS } from "../handlers/aws/aws-runtime";
import { ENV } from "../handlers/aws/environment";
import type { Route } from "../handlers/core/routes";
import { webhookUrls, WEBHOOK_PATHS } from "../handlers/core/urls";
import type { WebhookUrls } from "../handlers/core/urls";
import { bundleLambdas } from "./aws-lambda-bundle";
import type { LambdaName } from "./aws-lambda-bundle";
import { createWebhookAlarms } from "./aws-webhook-alarms";
import { createWebhookFunction } from "./aws-webhook-function";
import type { WebhookFunction } from "./aws-webhook-function";
import { webhookStatements } from "./aws-webhook-policy";
import type { WebhookStores } from "./aws-webhook-policy";
import { createRouteItem } from "./aws-route-items";
import type { RouteInput } from "./aws-route-items";

/** Arguments of {@link AwsWebhook}. */
export interface AwsWebhookArgs {
  /**
   * The stack's routes, written as items of the routes table. Prefer a plain array (or
   * {@link AwsWebhook.addRoute}): each item is then named after its integration and shows in
   * every preview. An `Output` of the whole array works too, but while it is unknown (a number
   * bought in the same update) the preview cannot list its items.
   */
  routes?: RouteInput[] | pulumi.Input<Route[]>;
  /** Credentials of the Twilio account that owns the numbers, stored in Secrets Manager. */
  twilio: {
    accountSid: pulumi.Input<string>;
    /** Validates webhook signatures; sends replies unless an API key is given. */
    authToken: pulumi.Input<string>;
    /** The next token during a rotation; signatures made with either are accepted. */
    secondaryAuthToken?: pulumi.Input<string>;
    apiKey?: pulumi.Input<string>;
    apiSecret?: pulumi.Input<string>;
  };
  /** The chat agent endpoint and its bearer token, stored in Secrets Manager. */
  agent: { url: pulumi.Input<string>; token: pulumi.Input<string> };
  /**
   * The public base URL when a custom domain or proxy fronts the API; the webhook URLs are
   * derived from it. Defaults to the HTTP API's own endpoint.
   */
  publicBaseUrl?: pulumi.Input<string>;
  /** Defaults to 30 days. */
  logRetentionDays?: number;
  /** Deliveries of a message before it is dead-lettered; defaults to 5. */
  maxReceiveCount?: number;
  /** SNS topic ARNs notified by the alarms. */
  alarmActions?: pulumi.Input<string>[];
  /** Bundle directories by function; `bundleLambdas()` runs when absent. */
  bundles?: Record<LambdaName, string>;
}

/** Seconds a worker invocation may take: two agent calls of 10 s, backoff and the send. */
const WORKER_TIMEOUT_SECONDS = 60;

/**
 * The inbound-SMS webhook of a real stack on AWS: an HTTP API (`$default` stage, so no stage
 * prefix in the URLs) to the inbound and status functions, an SQS queue with a dead-letter
 * queue to the worker, DynamoDB tables for routes, MessageSid idempotency (TTL) and opt-outs,
 * Twilio and agent credentials in Secrets Manager, one role and one log group per function, and
 * alarms on dead letters, function errors and API 5xx answers.
 */
export class AwsWebhook extends pulumi.ComponentResource {
  /** The base of the three URLs below. */
  readonly webhookBaseUrl: pulumi.Output<string>;
  /** Write into each number's `SmsUrl`. */
  readonly smsUrl: pulumi.Output<string>;
  /** Write into each number's `SmsFallbackUrl`. */
  readonly smsFallbackUrl: pulumi.Output<string>;
  /** Given with every reply as `StatusCallback`. */
  readonly statusCallbackUrl: pulumi.Output<string>;
  readonly apiEndpoint: pulumi.Output<string>;
  readonly queueUrl: pulumi.Output<string>;
  readonly deadLetterQueueUrl: pulumi.Output<string>;
  readonly routesTableName: pulumi.Output<string>;
  private readonly routesTable: aws.dynamodb.Table;
  private readonly componentName: string;

  constructor(name: string, args: AwsWebhookArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sms-integrations:aws:Webhook", name, {}, opts);
    const parent = { parent: this };
    this.componentName = name;

    const stores = createStores(name, this);
    this.routesTable = stores.routes;
    const secrets = createSecrets(name, args, this);
    const deadLetters = new aws.sqs.Queue(`${name}-dead-letters`, {
      messageRetentionSeconds: 14 * 24 * 60 * 60, sqsManagedSseEnabled: true }, parent);
    const queue = new aws.sqs.Queue(`${name}-inbound`, {
      // AWS recommends six times the function timeout, so a slow batch is not redelivered early.
      visibilityTimeoutSeconds: 6 * WORKER_TIMEOUT_SECONDS,
      sqsManagedSseEnabled: true,
      redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: deadLetters.arn,
        maxReceiveCount: args.maxReceiveCount ?? 5 }),
    }, parent);

    const api = new aws.apigatewayv2.Api(`${name}-api`, { protocolType: "HTTP",
      description: "Twilio inbound-SMS webhooks (sms-integrations)" }, parent);
    const baseUrl = pulumi.output(args.publicBaseUrl ?? api.apiEndpoint);
    const urls = baseUrl.apply(webhookUrls);

    const functions = createFunctions(name, { args, stores, secrets, queue, baseUrl }, this);
    connectApi(name, api, functions, this);
    new aws.lambda.EventSourceMapping(`${name}-worker`, { eventSourceArn: queue.arn,
      functionName: functions.worker.function.arn, batchSize: 5,
      functionResponseTypes: ["ReportBatchItemFailures"] }, parent);
    createWebhookAlarms(name, { api, deadLetters, functions, actions: args.alarmActions }, this);

    for (const route of plainRoutes(args.routes)) this.addRoute(route.integration, route);
    if (args.routes && !Array.isArray(args.routes)) {
      pulumi.output(args.routes).apply((routes) => routes.forEach((route) =>
        this.addRoute(route.integration, route)));
    }

    this.webhookBaseUrl = baseUrl;
    this.smsUrl = urls.smsUrl;
    this.smsFallbackUrl = urls.smsFallbackUrl;
    this.statusCallbackUrl = urls.statusCallbackUrl;
    this.apiEndpoint = api.apiEndpoint;
    this.queueUrl = queue.url;
    this.deadLetterQueueUrl = deadLetters.url;
    this.routesTableName = stores.routes.name;
    this.registerOutputs({ webhookBaseUrl: this.webhookBaseUrl, smsUrl: this.smsUrl,
      smsFallbackUrl: this.smsFallbackUrl, statusCallbackUrl: this.statusCallbackUrl,
      apiEndpoint: this.apiEndpoint, queueUrl: this.queueUrl,
      deadLetterQueueUrl: this.deadLetterQueueUrl, routesTableName: this.routesTableName });
  }

  /** The three webhook URLs, for numbers bound to this stack. */
  get urls(): pulumi.Output<WebhookUrls> {
    return pulumi.all([this.smsUrl, this.smsFallbackUrl, this.statusCallbackUrl])
      .apply(([smsUrl, smsFallbackUrl, statusCallbackUrl]) =>
        ({ smsUrl, smsFallbackUrl, statusCallbackUrl }));
  }

  /** Routes one integration's number: one routes-table item named after the integration. */
  addRoute(integration: string, route: pulumi.Input<Route> | RouteInput): aws.dynamodb.TableItem {
    return createRouteItem(`${this.componentName}-route-${integration}`,
      this.routesTable.name, route, this);
  }
}

function plainRoutes(routes: AwsWebhookArgs["routes"]): RouteInput[] {
  return Array.isArray(routes) ? routes : [];
}

function createStores(name: string, parent: pulumi.Resource): WebhookStores {
  const opts = { parent };
  const table = (suffix: string, hashKey: string, ttl?: string) =>
    new aws.dynamodb.Table(`${name}-${suffix}`, {
      billingMode: "PAY_PER_REQUEST",
      hashKey,
      attributes: [{ name: hashKey, type: "S" }],
      pointInTimeRecovery: { enabled: suffix !== "idempotency" },
      ...(ttl ? { ttl: { attributeName: ttl, enabled: true } } : {}),
    }, opts);

  return {
    routes: table("routes", "phoneNumber"),
    idempotency: table("idempotency", IDEMPOTENCY_TABLE_KEYS.keyAttr,
      IDEMPOTENCY_TABLE_KEYS.expiryAttr),
    optOuts: table("opt-outs", "id"),
  };
}

function createSecrets(name: string, args: AwsWebhookArgs, parent: pulumi.Resource) {
  const opts = { parent };
  const twilioSecret = new aws.secretsmanager.Secret(`${name}-twilio`, {
    description: "Twilio account SID and auth tokens of the sms-integrations webhook" }, opts);
  new aws.secretsmanager.SecretVersion(`${name}-twilio`, { secretId: twilioSecret.id,
    secretString: pulumi.secret(pulumi.jsonStringify(args.twilio)) }, opts);
  const agentSecret = new aws.secretsmanager.Secret(`${name}-agent`, {
    description: "Chat agent endpoint and bearer token of the sms-integrations webhook" }, opts);
  new aws.secretsmanager.SecretVersion(`${name}-agent`, { secretId: agentSecret.id,
    secretString: pulumi.secret(pulumi.jsonStringify(args.agent)) }, opts);
  return { twilio: twilioSecret, agent: agentSecret };
}

interface FunctionInputs {
  args: AwsWebhookArgs;
  stores: WebhookStores;
  secrets: { twilio: aws.secretsmanager.Secret; agent: aws.secretsmanager.Secret };
  queue: aws.sqs.Queue;
  baseUrl: pulumi.Output<string>;
}

function createFunctions(
  name: string,
  inputs: FunctionInputs,
  parent: pulumi.Resource,
): Record<LambdaName, WebhookFunction> {
  const { args, stores, secrets, queue } = inputs;
  const bundles = args.bundles ?? bundleOnce();
  const statements = webhookStatements({ stores, queue, twilioSecret: secrets.twilio,
    agentSecret: secrets.agent });
  const common = {
    [ENV.webhookBaseUrl]: inputs.baseUrl,
    [ENV.routesTable]: stores.routes.name,
    [ENV.idempotencyTable]: stores.idempotency.name,
    [ENV.optOutsTable]: stores.optOuts.name,
    [ENV.twilioSecretId]: secrets.twilio.arn,
  };
  const make = (fn: LambdaName, description: string, timeoutSeconds: number,
    environment: Record<string, pulumi.Input<string>>) =>
    createWebhookFunction(`${name}-${fn}`, { description, timeoutSeconds, environment,
      code: new pulumi.asset.FileArchive(relativeToProgram(bundles[fn])),
      statements: statements[fn], logRetentionDays: args.logRetentionDays ?? 30 }, parent);

  return {
    // Twilio waits 15 s for an answer (twilio-reference 5.5); the handler needs well under 2.
    inbound: make("inbound", "Twilio SmsUrl and SmsFallbackUrl", 10,
      { ...common, [ENV.queueUrl]: queue.url, POWERTOOLS_SERVICE_NAME: "sms-inbound" }),
    worker: make("worker", "Agent call and reply per inbound SMS", WORKER_TIMEOUT_SECONDS,
      { ...common, [ENV.agentSecretId]: secrets.agent.arn, POWERTOOLS_SERVICE_NAME: "sms-worker" }),
    status: make("status", "Twilio delivery-status callback", 10,
      { ...common, POWERTOOLS_SERVICE_NAME: "sms-status" }),
  };
}

/** Integrations, routes and invoke permissions of the HTTP API. */
function connectApi(
  name: string,
  api: aws.apigatewayv2.Api,
  functions: Record<LambdaName, WebhookFunction>,
  parent: pulumi.Resource,
): void {
  const opts = { parent };
  const routes: [string, LambdaName, string][] = [
    ["inbound", "inbound", WEBHOOK_PATHS.inbound],
    ["fallback", "inbound", WEBHOOK_PATHS.fallback],
    ["status", "status", WEBHOOK_PATHS.status],
  ];
  const integrations = Object.fromEntries((["inbound", "status"] as const).map((fn) => [fn,
    new aws.apigatewayv2.Integration(`${name}-${fn}`, { apiId: api.id,
      integrationType: "AWS_PROXY", integrationUri: functions[fn].function.invokeArn,
      payloadFormatVersion: "2.0", timeoutMilliseconds: 10_000 }, opts)]));

  for (const [route, fn, routePath] of routes) {
    new aws.apigatewayv2.Route(`${name}-${route}`, { apiId: api.id,
      routeKey: `POST ${routePath}`,
      target: pulumi.interpolate`integrations/${integrations[fn].id}` }, opts);
    new aws.lambda.Permission(`${name}-${route}`, { action: "lambda:InvokeFunction",
      principal: "apigateway.amazonaws.com", function: functions[fn].function.name,
      sourceArn: pulumi.interpolate`${api.executionArn}/*/POST${routePath}` }, opts);
  }
  new aws.apigatewayv2.Stage(`${name}-default`, { apiId: api.id, name: "$default",
    autoDeploy: true }, opts);
}

let bundled: Record<LambdaName, string> | undefined;

/** Bundles the handlers once per program run, however many webhooks the program declares. */
function bundleOnce(): Record<LambdaName, string> {
  bundled ??= bundleLambdas();
  return bundled;
}

/**
 * The bundle path relative to the Pulumi program's directory: the state records an archive's
 * path, and a relative one keeps machine paths out of it (field case F23).
 */
function relativeToProgram(directory: string): string {
  return path.relative(process.cwd(), directory) || ".";
}
