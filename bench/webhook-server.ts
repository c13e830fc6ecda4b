/**
 * A webhook server for the load test, in a process of its own so the load generator does not
 * share its event loop: `bare` is node:http answering the empty TwiML and nothing else (the
 * floor); `runtime` is the dev stack's local runtime (signature check, keyword, MessageSid
 * idempotency, queue, and the worker calling the agent in the background). Writes
 * `{url, smsUrl}` as JSON to file descriptor 3 once it listens, then serves until killed.
 */
import * as fs from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { emptyTwiml } from "../handlers/core/http-response";
import type { MessageSender } from "../handlers/core/message-sender";
import { InMemoryRouteStore } from "../handlers/core/routes";
import { startLocalRuntime } from "../handlers/local/local-runtime";
import { BENCH_AGENT_TOKEN, BENCH_AUTH_TOKEN, BENCH_ROUTE } from "./webhook-fixture";

/** Replies are accepted and dropped: sending them is Twilio's work, outside the webhook. */
const DROPPING_SENDER: MessageSender = {
  async send() {
    return { sid: `SM${"0".repeat(32)}` };
  },
};

async function bare(): Promise<{ url: string; smsUrl: string }> {
  const twiml = emptyTwiml();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, twiml.headers).end(twiml.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, smsUrl: `${url}/sms/inbound` };
}

async function runtime(agentUrl: string): Promise<{ url: string; smsUrl: string }> {
  const local = await startLocalRuntime({
    authTokens: [BENCH_AUTH_TOKEN],
    routes: new InMemoryRouteStore([BENCH_ROUTE]),
    agent: { url: agentUrl, token: BENCH_AGENT_TOKEN },
    sender: DROPPING_SENDER,
  });
  return { url: local.url, smsUrl: local.urls.smsUrl };
}

async function main(): Promise<void> {
  const [kind, agentUrl] = process.argv.slice(2);
  if (kind !== "bare" && !(kind === "runtime" && agentUrl)) {
    throw new Error("usage: webhook-server.ts bare | runtime <agent url>");
  }
  const listening = kind === "bare" ? await bare() : await runtime(agentUrl!);
  // A clean exit on SIGTERM, so a profiler started with --cpu-prof writes its profile.
  process.once("SIGTERM", () => process.exit(0));
  fs.writeSync(3, `${JSON.stringify(listening)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
