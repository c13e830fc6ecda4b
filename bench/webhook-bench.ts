import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { Readable } from "node:stream";

import autocannon from "autocannon";

import { startLocalAgent } from "../agent/local-agent";
import { BENCH_AGENT_TOKEN, signedInbound } from "./webhook-fixture";

/** One server under autocannon. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers that were not 2xx, and connection errors: both must be 0. */
  non2xx: number;
  errors: number;
}

/** The local runtime against the bare server. */
export interface WebhookFigure {
  connections: number;
  durationSeconds: number;
  runtime: LoadResult;
  bare: LoadResult;
}

interface Listening {
  url: string;
  smsUrl: string;
}

/**
 * Loads the bare server and then the local runtime with signed inbound SMS, each a new
 * MessageSid, from `connections` connections for `durationSeconds` after a short warm-up.
 */
export async function benchWebhook(connections: number, durationSeconds: number):
  Promise<WebhookFigure> {
  const agent = await startLocalAgent({ token: BENCH_AGENT_TOKEN, mode: "echo" });
  try {
    const bare = await underLoad(["bare"], connections, durationSeconds);
    const runtime = await underLoad(["runtime", agent.url], connections, durationSeconds);
    return { connections, durationSeconds, runtime, bare };
  } finally {
    await agent.close();
  }
}

async function underLoad(args: string[], connections: number, seconds: number):
  Promise<LoadResult> {
  const { child, listening } = await startServer(args);
  try {
    await load(listening, connections, 2);
    return await load(listening, connections, seconds);
  } finally {
    child.kill("SIGTERM");
  }
}

async function load(target: Listening, connections: number, seconds: number):
  Promise<LoadResult> {
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    requests: [{
      method: "POST",
      path: new URL(target.smsUrl).pathname,
      setupRequest: (request) => {
        const { body, signature } = signedInbound(target.smsUrl);
        return { ...request, body, headers: { ...request.headers,
          "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature } };
      },
    }],
  });
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50,
    p99Ms: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx,
    errors: result.errors };
}

function startServer(args: string[]): Promise<{ child: ChildProcess; listening: Listening }> {
  const script = path.join(__dirname, "webhook-server.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args],
    { stdio: ["ignore", "ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let line = "";
    (child.stdio[3] as Readable).on("data", (chunk: Buffer) => {
      line += chunk.toString();
      if (line.includes("\n")) resolve({ child, listening: JSON.parse(line) as Listening });
    });
    child.once("exit", (code) => reject(new Error(`webhook server exited ${code}: ${stderr}`)));
  });
}
