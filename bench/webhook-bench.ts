import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";

import autocannon from "autocannon";

import { signedInbound } from "./webhook-fixture";

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

/** The whole conversation, agent call included, against the relay floor. */
export interface EndToEndFigure {
  /** The runtime with an agent that answers at once: its webhook and its worker. */
  runtime: LoadResult;
  /** Replies the runtime's worker handed to the sender per second of the load. */
  repliesPerSecond: number;
  /** node:http making one undici call to the same agent per message (the floor). */
  relay: LoadResult;
}

/** The bare server and the local runtime, loaded one after the other. */
export interface WebhookRound {
  bare: LoadResult;
  runtime: LoadResult;
  /** Replies the worker handed to the sender during the runtime's run. */
  runtimeReplies: number;
}

/**
 * The local runtime against the bare server, and end to end against the relay. The top-level
 * `bare`, `runtime` and `runtimeReplies` are those of the median round.
 */
export interface WebhookFigure extends WebhookRound {
  connections: number;
  durationSeconds: number;
  /** How long the agent of the webhook run takes to answer. */
  agentDelayMs: number;
  /** Every round in the order run, each a bare run and a runtime run back to back. */
  rounds: WebhookRound[];
  endToEnd: EndToEndFigure;
}

interface Listening {
  url: string;
  smsUrl: string;
}

/** A server or agent process of the load test, with the JSON lines it writes to fd 3. */
interface Served<T> {
  child: ChildProcess;
  first: T;
  next(): Promise<unknown>;
}

/**
 * Loads each server with signed inbound SMS, each a new MessageSid, from `connections`
 * connections for `durationSeconds` after a short warm-up:
 * - the bare server, and the local runtime whose agent answers after `agentDelayMs` as a chat
 *   agent does: the webhook's own throughput, with the worker running beside it;
 * - the relay floor and the local runtime with an agent that answers at once: what the whole
 *   conversation costs, when the worker competes with the webhook for the same core.
 * The agent runs in a process of its own, apart from the load generator and the server.
 * The webhook's pair runs `rounds` times, an odd number: on a shared machine one run can lose
 * a quarter of its throughput to a neighbour, so the figure is the round whose ratio is the
 * median.
 */
export async function benchWebhook(connections: number, durationSeconds: number,
  rounds = 5, agentDelayMs = 1_000): Promise<WebhookFigure> {
  if (!Number.isInteger(rounds) || rounds < 1 || rounds % 2 === 0) {
    throw new Error(`webhook rounds must be an odd number, 1 or more (got ${rounds}): ` +
      "the reported round is the one whose ratio is the median");
  }
  const webhookRounds = await withAgent(["slow", String(agentDelayMs)], (agentUrl) =>
    pairsUnderLoad(agentUrl, connections, durationSeconds, rounds));
  const endToEnd = await withAgent(["echo"], async (agentUrl) => {
    const relay = await underLoad(["relay", agentUrl], connections, durationSeconds);
    const { load, replies } = await runtimeUnderLoad(agentUrl, connections, durationSeconds);
    return { runtime: load, repliesPerSecond: replies / durationSeconds, relay };
  });
  return { connections, durationSeconds, agentDelayMs, ...medianRound(webhookRounds),
    rounds: webhookRounds, endToEnd };
}

/**
 * The bare server and the runtime, `rounds` times. Every other round runs the runtime first,
 * so a machine slowly getting busier or quieter does not favour one side.
 */
async function pairsUnderLoad(agentUrl: string, connections: number, seconds: number,
  rounds: number): Promise<WebhookRound[]> {
  const bare = () => underLoad(["bare"], connections, seconds);
  const runtime = () => runtimeUnderLoad(agentUrl, connections, seconds);
  const pair = (floor: LoadResult, ours: RuntimeLoad): WebhookRound =>
    ({ bare: floor, runtime: ours.load, runtimeReplies: ours.replies });

  const done: WebhookRound[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      const floor = await bare();
      done.push(pair(floor, await runtime()));
    } else {
      const ours = await runtime();
      done.push(pair(await bare(), ours));
    }
  }
  return done;
}

/** The runtime's share of the bare server's requests per second in one round. */
export function roundRatio(round: WebhookRound): number {
  return round.runtime.requestsPerSecond / round.bare.requestsPerSecond;
}

function medianRound(rounds: WebhookRound[]): WebhookRound {
  const sorted = [...rounds].sort((a, b) => roundRatio(a) - roundRatio(b));
  const { bare, runtime, runtimeReplies } = sorted[(sorted.length - 1) / 2];
  return { bare, runtime, runtimeReplies };
}

async function withAgent<T>(args: string[], run: (agentUrl: string) => Promise<T>):
  Promise<T> {
  const agent = await serve<{ url: string }>("agent-server.ts", args);
  try {
    return await run(agent.first.url);
  } finally {
    agent.child.kill("SIGTERM");
  }
}

async function underLoad(args: string[], connections: number, seconds: number):
  Promise<LoadResult> {
  const server = await serve<Listening>("webhook-server.ts", args);
  try {
    await load(server.first, connections, 2);
    return await load(server.first, connections, seconds);
  } finally {
    server.child.kill("SIGTERM");
  }
}

/** The runtime's load result, and how many replies its worker sent meanwhile. */
interface RuntimeLoad {
  load: LoadResult;
  replies: number;
}

/** The runtime under load, and how many replies its worker sent during the measured part. */
async function runtimeUnderLoad(agentUrl: string, connections: number, seconds: number):
  Promise<RuntimeLoad> {
  const server = await serve<Listening>("webhook-server.ts", ["runtime", agentUrl]);
  const replies = async () => {
    const answer = server.next();
    server.child.kill("SIGUSR2");
    return ((await answer) as { replies: number }).replies;
  };
  try {
    await load(server.first, connections, 2);
    const before = await replies();
    const result = await load(server.first, connections, seconds);
    return { load: result, replies: (await replies()) - before };
  } finally {
    server.child.kill("SIGTERM");
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
  // A fast refusal is not throughput: every answer must be the 200 with TwiML.
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target.smsUrl}: ${result.non2xx} answers were not 2xx and ` +
      `${result.errors} requests failed under load`);
  }
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50,
    p99Ms: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx,
    errors: result.errors };
}

/** Starts a bench script and reads the JSON lines it writes to file descriptor 3. */
function serve<T>(script: string, args: string[]): Promise<Served<T>> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, script), ...args],
    { stdio: ["ignore", "ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = jsonLines(child.stdio[3] as Readable);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${script} exited ${code}: ${stderr}`)));
    lines.next().then((first) => resolve({ child, first: first as T, next: lines.next }),
      reject);
  });
}

/** Each call resolves with the next JSON line of `stream`. */
function jsonLines(stream: Readable): { next(): Promise<unknown> } {
  const lines = createInterface({ input: stream })[Symbol.asyncIterator]();
  return {
    next: async () => {
      const line = await lines.next();
      if (line.done) throw new Error("the process closed file descriptor 3");
      return JSON.parse(line.value) as unknown;
    },
  };
}
