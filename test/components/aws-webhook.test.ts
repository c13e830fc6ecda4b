import { readFileSync } from "node:fs";
import path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

import { AwsWebhook } from "../../components/aws-webhook";
import type { AwsWebhookArgs } from "../../components/aws-webhook";
import type { Route } from "../../handlers/core/routes";

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const API_ENDPOINT = "https://abc123.execute-api.us-east-1.amazonaws.com";
const ACCOUNT = "123456789012";
const resources: Recorded[] = [];

/** Fake ARNs, names and URLs per resource type, the way AWS would report them. */
function fakeState(type: string, name: string, inputs: Record<string, unknown>) {
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;
  switch (type) {
    case "aws:dynamodb/table:Table":
      return { name: `${name}-tbl`, arn: arn("dynamodb", `table/${name}-tbl`) };
    case "aws:sqs/queue:Queue":
      return { name: `${name}-q`, arn: arn("sqs", `${name}-q`),
        url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}-q` };
    case "aws:apigatewayv2/api:Api":
      return { apiEndpoint: API_ENDPOINT, executionArn: arn("execute-api", "abc123") };
    case "aws:lambda/function:Function":
      return { name: `${name}-fn`, arn: arn("lambda", `function:${name}-fn`),
        invokeArn: `arn:aws:apigateway:us-east-1:lambda:path/functions/${name}-fn/invocations` };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { name: `/aws/lambda/${name}`, arn: arn("logs", `log-group:/aws/lambda/${name}`) };
    case "aws:secretsmanager/secret:Secret":
      return { arn: arn("secretsmanager", `secret:${name}-AbCdEf`) };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${ACCOUNT}:role/${name}` };
    default:
      return inputs.name ? {} : { name: `${name}-x` };
  }
}

beforeAll(async () => {
  await pulumi.runtime.setMocks({
    newResource: (args) => {
      resources.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: { ...args.inputs,
        ...fakeState(args.type, args.name, args.inputs) } };
    },
    call: (args) => args.inputs,
  }, "sms-integrations", "prod", false);
});

const BRIGHTSMILE: Route = { phoneNumber: "+18335550100", integration: "brightsmile-dental",
  agentId: "agt_01HZX3K9BRIGHTSMILE",
  helpMessage: "BrightSmile Dental: For help call (217) 555-0100. Reply STOP to opt out." };
const NORTHSIDE: Route = { phoneNumber: "+18885550142", integration: "northside-bakery",
  agentId: "agt_01HZX3KBNORTHSIDE",
  helpMessage: "Northside Bakery: Questions? Call (414) 555-0100. Reply STOP to opt out." };
const TWILIO = { accountSid: "AC00000000000000000000000000000001",
  authToken: "0a1b2c3d4e5f60718293a4b5c6d7e8f9" };
const AGENT = { url: "https://agents.example.test/v1/messages", token: "agent-prod-token" };

function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Resolves every input a resource was given (mocks record them once they are known). */
async function settle(): Promise<void> {
  // waitForRPCs is internal to @pulumi/pulumi: it resolves when every registration finished.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
  await settings.waitForRPCs();
}

async function deploy(name: string, args: Partial<AwsWebhookArgs> = {}) {
  const webhook = new AwsWebhook(name, { routes: [BRIGHTSMILE, NORTHSIDE], twilio: TWILIO,
    agent: AGENT, ...args });
  const urls = await value(webhook.urls);
  await settle();
  const mine = resources.filter((resource) => resource.name.startsWith(name));
  const ofType = (type: string) => mine.filter((resource) => resource.type === type);
  const named = (type: string, resourceName: string) => {
    const found = ofType(type).find((resource) => resource.name === resourceName);
    if (!found) throw new Error(`no ${type} named ${resourceName}`);
    return found;
  };
  return { webhook, urls, mine, ofType, named };
}

function statements(policy: Recorded): { Action: string[]; Resource: string[] }[] {
  return (JSON.parse(policy.inputs.policy as string) as { Statement: [] }).Statement;
}

describe("AwsWebhook", () => {
  it("derives the three webhook URLs from the HTTP API endpoint", async () => {
    const { urls, webhook } = await deploy("urls");

    expect(urls).toEqual({ smsUrl: `${API_ENDPOINT}/sms/inbound`,
      smsFallbackUrl: `${API_ENDPOINT}/sms/fallback`,
      statusCallbackUrl: `${API_ENDPOINT}/sms/status` });
    expect(await value(webhook.webhookBaseUrl)).toBe(API_ENDPOINT);
  });

  it("derives them from the public base URL when a custom domain fronts the API", async () => {
    const { urls, named } = await deploy("custom", { publicBaseUrl: "https://hooks.example.test" });

    expect(urls.smsUrl).toBe("https://hooks.example.test/sms/inbound");
    const inbound = named("aws:lambda/function:Function", "custom-inbound");
    expect(inbound.inputs.environment).toMatchObject({ variables: {
      WEBHOOK_BASE_URL: "https://hooks.example.test" } });
  });

  it("writes one routes-table item per integration, named after it", async () => {
    const { ofType } = await deploy("routing");

    const items = ofType("aws:dynamodb/tableItem:TableItem");
    expect(items.map((item) => item.name).sort()).toEqual(
      ["routing-route-brightsmile-dental", "routing-route-northside-bakery"]);
    const brightsmile = items.find((item) => item.name.endsWith("brightsmile-dental"));
    expect(brightsmile?.inputs).toMatchObject({ tableName: "routing-routes-tbl",
      hashKey: "phoneNumber" });
    expect(JSON.parse(brightsmile?.inputs.item as string)).toEqual({
      phoneNumber: { S: "+18335550100" }, integration: { S: "brightsmile-dental" },
      agentId: { S: "agt_01HZX3K9BRIGHTSMILE" }, helpMessage: { S: BRIGHTSMILE.helpMessage } });
  });

  it("adds a route whose number is only known as an output", async () => {
    const { webhook } = await deploy("later", { routes: [] });

    webhook.addRoute("riverbend-food-bank", pulumi.output({ ...NORTHSIDE,
      phoneNumber: "+18445550123", integration: "riverbend-food-bank" }));
    await settle();

    const item = resources.find((resource) => resource.name === "later-route-riverbend-food-bank");
    expect(JSON.parse(item?.inputs.item as string).phoneNumber).toEqual({ S: "+18445550123" });
  });

  it("creates the routing, idempotency (with TTL) and opt-out tables", async () => {
    const { named } = await deploy("tables");

    expect(named("aws:dynamodb/table:Table", "tables-routes").inputs).toMatchObject({
      hashKey: "phoneNumber", billingMode: "PAY_PER_REQUEST" });
    expect(named("aws:dynamodb/table:Table", "tables-idempotency").inputs).toMatchObject({
      hashKey: "id", ttl: { attributeName: "expiration", enabled: true } });
    expect(named("aws:dynamodb/table:Table", "tables-opt-outs").inputs).toMatchObject({
      hashKey: "id" });
  });

  it("feeds the worker from a queue that dead-letters after five deliveries", async () => {
    const { named, ofType } = await deploy("queues");

    const inbound = named("aws:sqs/queue:Queue", "queues-inbound");
    expect(JSON.parse(inbound.inputs.redrivePolicy as string)).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:queues-dead-letters-q`,
      maxReceiveCount: 5 });
    expect(ofType("aws:lambda/eventSourceMapping:EventSourceMapping")[0].inputs).toMatchObject({
      eventSourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:queues-inbound-q`,
      functionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:queues-worker-fn`,
      functionResponseTypes: ["ReportBatchItemFailures"] });
  });

  it("routes POST /sms/inbound and /sms/fallback to the inbound function, /sms/status to status",
    async () => {
      const { ofType } = await deploy("api");

      const routes = ofType("aws:apigatewayv2/route:Route").map((route) => route.inputs.routeKey);
      expect(routes.sort()).toEqual(["POST /sms/fallback", "POST /sms/inbound",
        "POST /sms/status"]);
      const stage = ofType("aws:apigatewayv2/stage:Stage")[0];
      expect(stage.inputs).toMatchObject({ name: "$default", autoDeploy: true });
      const permissions = ofType("aws:lambda/permission:Permission")
        .map((permission) => permission.inputs.sourceArn);
      expect(permissions).toContain(`arn:aws:execute-api:us-east-1:${ACCOUNT}:abc123/*/POST/sms/inbound`);
    });

  it("gives each function the environment its handler reads", async () => {
    const { named } = await deploy("env");

    const env = (fn: string) => (named("aws:lambda/function:Function", `env-${fn}`).inputs
      .environment as { variables: Record<string, string> }).variables;
    expect(env("inbound")).toMatchObject({ WEBHOOK_BASE_URL: API_ENDPOINT,
      ROUTES_TABLE: "env-routes-tbl", IDEMPOTENCY_TABLE: "env-idempotency-tbl",
      OPT_OUTS_TABLE: "env-opt-outs-tbl",
      QUEUE_URL: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/env-inbound-q`,
      TWILIO_SECRET_ID: expect.stringContaining("secret:env-twilio") });
    expect(env("worker")).toMatchObject({ AGENT_SECRET_ID: expect.stringContaining("env-agent") });
    expect(env("inbound")).not.toHaveProperty("AGENT_SECRET_ID");
    expect(env("status")).not.toHaveProperty("QUEUE_URL");
    expect(JSON.stringify([env("inbound"), env("worker"), env("status")]))
      .not.toContain(TWILIO.authToken);
  });

  it("keeps the Twilio token and agent token in Secrets Manager as secrets", async () => {
    const { ofType } = await deploy("secrets");

    const versions = ofType("aws:secretsmanager/secretVersion:SecretVersion");
    expect(versions).toHaveLength(2);
    // Mocks see a secret input as a wrapper around its value.
    const secretText = (input: unknown) => (typeof input === "string" ? input
      : (input as { value: string }).value);
    expect(versions.every((version) => typeof version.inputs.secretString === "object"))
      .toBe(true);
    const contents = versions.map((version) =>
      JSON.parse(secretText(version.inputs.secretString)));
    expect(contents).toContainEqual(expect.objectContaining({ authToken: TWILIO.authToken }));
    expect(contents).toContainEqual(AGENT);
  });

  it("grants each function its own role, scoped to exact ARNs", async () => {
    const { ofType, named } = await deploy("iam");

    const roles = ofType("aws:iam/role:Role").map((role) => role.name).sort();
    expect(roles).toEqual(["iam-inbound", "iam-status", "iam-worker"]);
    const all = ofType("aws:iam/rolePolicy:RolePolicy").flatMap(statements);
    expect(all.flatMap((statement) => statement.Resource)
      .every((resource) => resource.startsWith("arn:aws:") && !resource.endsWith(":*:*")))
      .toBe(true);
    expect(all.flatMap((statement) => statement.Action).some((action) => action.includes("*")))
      .toBe(false);

    const inbound = statements(named("aws:iam/rolePolicy:RolePolicy", "iam-inbound"));
    expect(inbound).toContainEqual(expect.objectContaining({ Action: ["sqs:SendMessage"],
      Resource: [`arn:aws:sqs:us-east-1:${ACCOUNT}:iam-inbound-q`] }));
    expect(JSON.stringify(inbound)).not.toContain("iam-agent");
    expect(JSON.stringify(inbound)).not.toContain("sqs:ReceiveMessage");
    const routesWriters = all.filter((statement) =>
      statement.Resource.some((resource) => resource.includes("iam-routes-tbl")) &&
      statement.Action.some((action) => action !== "dynamodb:GetItem"));
    expect(routesWriters).toEqual([]);
  });

  it("gives each function a log group with retention, named in its logging config", async () => {
    const { ofType, named } = await deploy("logs", { logRetentionDays: 14 });

    expect(ofType("aws:cloudwatch/logGroup:LogGroup").map((group) => group.inputs.retentionInDays))
      .toEqual([14, 14, 14]);
    expect(named("aws:lambda/function:Function", "logs-worker").inputs.loggingConfig)
      .toMatchObject({ logGroup: "/aws/lambda/logs-worker" });
  });

  it("alarms on dead letters, on each function's errors and on API 5xx", async () => {
    const { ofType } = await deploy("alarms", { alarmActions: ["arn:aws:sns:us-east-1:1:ops"] });

    const alarms = ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarms.map((alarm) => [alarm.inputs.namespace, alarm.inputs.metricName]).sort())
      .toEqual([["AWS/ApiGateway", "5xx"], ["AWS/Lambda", "Errors"], ["AWS/Lambda", "Errors"],
        ["AWS/Lambda", "Errors"], ["AWS/SQS", "ApproximateNumberOfMessagesVisible"]]);
    expect(alarms.every((alarm) => (alarm.inputs.alarmActions as string[])[0] ===
      "arn:aws:sns:us-east-1:1:ops")).toBe(true);
  });

  it("ships esbuild bundles from a path relative to the program", async () => {
    const { named } = await deploy("code");

    const code = named("aws:lambda/function:Function", "code-inbound").inputs.code as
      { path: Promise<string> };
    expect(await code.path).toBe("dist/lambda/inbound");
    const bundle = readFileSync(path.join("dist", "lambda", "inbound", "index.js"), "utf8");
    expect(bundle).toContain("x-twilio-signature");
    expect(bundle).not.toContain(process.cwd());
  });

  it("also takes the routes as one output, writing the same items", async () => {
    const { ofType } = await deploy("whole", { routes: pulumi.output([BRIGHTSMILE]) });

    expect(ofType("aws:dynamodb/tableItem:TableItem").map((item) => item.name))
      .toEqual(["whole-route-brightsmile-dental"]);
  });
});
