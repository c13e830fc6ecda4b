import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gzipSync } from "node:zlib";

import { bundleLambdas } from "../components/aws-lambda-bundle";
import { ENV } from "../handlers/aws/environment";
import { runNode } from "./child-process";
import { startFakeAws } from "./fake-aws";
import { best } from "./validate-bench";
import { BENCH_ACCOUNT_SID, BENCH_AUTH_TOKEN, signedInbound } from "./webhook-fixture";

/** The inbound function's bundle and its cold start. */
export interface LambdaFigure {
  bundleBytes: number;
  gzipBytes: number;
  /** The best of the runs, each in a fresh Node process. */
  bootMs: number;
  requireMs: number;
  firstInvocationMs: number;
  /** From spawning Node to its exit, the cold start as a whole. */
  processMs: number;
  /** The same for a Node process that runs an empty script: the floor. */
  emptyProcessMs: number;
  runs: number;
}

interface ColdStart {
  bootMs: number;
  requireMs: number;
  firstInvocationMs: number;
  statusCode: number;
  body: string;
}

const WEBHOOK_BASE_URL = "https://hooks.example.test";
const TWILIO_SECRET = "sms-integrations/twilio";

/**
 * Bundles the functions as `npm run bundle` does, then starts the inbound one cold `runs`
 * times: require the bundle and answer one signed inbound SMS, against a fake of the AWS APIs
 * it calls (Secrets Manager, DynamoDB, SQS).
 */
export async function benchLambda(runs: number): Promise<LambdaFigure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sms-integrations-lambda-"));
  const aws = await startFakeAws({ [TWILIO_SECRET]: JSON.stringify({
    accountSid: BENCH_ACCOUNT_SID, authToken: BENCH_AUTH_TOKEN }) });
  try {
    const bundle = path.join(bundleLambdas(path.join(dir, "lambda")).inbound, "index.js");
    const eventFile = path.join(dir, "event.json");
    fs.writeFileSync(eventFile, JSON.stringify(inboundEvent()));
    const env = lambdaEnvironment(aws.url);
    const script = path.join(__dirname, "lambda-cold-start.cjs");
    const empty = path.join(dir, "empty.cjs");
    fs.writeFileSync(empty, "");

    const starts: (ColdStart & { processMs: number })[] = [];
    const emptyTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      emptyTimes.push((await timed(() => runNode([empty], env))).ms);
      const { ms, value } = await timed(() => runNode([script, bundle, eventFile], env));
      const start = JSON.parse(value.trim().split("\n").pop()!) as ColdStart;
      if (start.statusCode !== 200) throw new Error(`cold start answered ${JSON.stringify(start)}`);
      starts.push({ ...start, processMs: ms });
    }
    if (!aws.calls.some((c) => c.target === "AmazonSQS.SendMessage")) {
      throw new Error("the inbound function answered without queueing the message");
    }

    const bytes = fs.readFileSync(bundle);
    const least = (pick: (s: (typeof starts)[number]) => number) => best(starts.map(pick));
    return { bundleBytes: bytes.byteLength, gzipBytes: gzipSync(bytes).byteLength, runs,
      bootMs: least((s) => s.bootMs), requireMs: least((s) => s.requireMs),
      firstInvocationMs: least((s) => s.firstInvocationMs),
      processMs: least((s) => s.processMs), emptyProcessMs: best(emptyTimes) };
  } finally {
    await aws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** What the AwsWebhook component gives the function, with AWS pointed at the fake. */
function lambdaEnvironment(awsUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AWS_ENDPOINT_URL: awsUrl,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIAFAKEBENCHMARK000",
    AWS_SECRET_ACCESS_KEY: "fake-secret-for-the-local-fake",
    [ENV.webhookBaseUrl]: WEBHOOK_BASE_URL,
    [ENV.routesTable]: "sms-routes",
    [ENV.idempotencyTable]: "sms-idempotency",
    [ENV.optOutsTable]: "sms-opt-outs",
    [ENV.queueUrl]: `${awsUrl}/000000000000/sms-inbound`,
    [ENV.twilioSecretId]: TWILIO_SECRET,
  };
}

/** An HTTP API (payload 2.0) event of one signed inbound SMS to `POST /sms/inbound`. */
function inboundEvent() {
  const { body, signature } = signedInbound(`${WEBHOOK_BASE_URL}/sms/inbound`);
  return { version: "2.0", routeKey: "POST /sms/inbound", rawPath: "/sms/inbound",
    rawQueryString: "", headers: { "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature, host: "hooks.example.test" },
    requestContext: { http: { method: "POST", path: "/sms/inbound" } }, body,
    isBase64Encoded: false };
}
