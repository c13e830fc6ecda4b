/**
 * A webhook server for the load test, in a process of its own so the load generator does not
 * share its event loop:
 * - `bare` is node:http answering the empty TwiML and nothing else (the webhook's floor);
 * - `relay <agent url>` is node:http that asks the agent about each message, with undici as
 *   our client does, before answering the empty TwiML (the floor of the whole conversation);
 * - `runtime <agent url>` is the dev stack's local runtime (signature check, keyword,
 *   MessageSid idempotency, queue, and the worker calling the agent in the background).
 * Writes `{url, smsUrl}` as JSON to file descriptor 3 once it listens, then serves until
 * killed. On SIGUSR2 the runtime writes `{replies}` there: the replies its worker has handed
 * to the sender so far, each one message taken through the agent.
 */
import * as fs from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { request } from "undici";

import { emptyTwiml } from "../handlers/core/http-response";
import type { MessageSender } from "../handlers/core/message-sender";
import { InMemoryRouteStore } from "../handlers/core/routes";
import { startLocalRuntime } from "../handlers/local/local-runtime";
import { BENCH_AGENT_TOKEN, BENCH_AUTH_TOKEN, BENCH_ROUTE } from "./webhook-fixture";

interface Listening {
  url: string;
  smsUrl: string;
}

let replies = 0;

/** Replies are counted and dropped: sending them is Twilio's work, outside the webhook. */
const DROPPING_SENDER: MessageSender = {
  async send() {
    replies += 1;
    return { sid: `SM${"0".repeat(32)}` };
  },
};

type Answer = (body: string) => Promise<void> | void;

/** Answers the empty TwiML; without `answer` the body is not even read (the bare floor). */
async function listen(answer?: Answer): Promise<Listening> {
  const twiml = emptyTwiml();
  const server = createServer((req, res) => {
    if (!answer) {
      req.resume();
      req.on("end", () => res.writeHead(200, twiml.headers).end(twiml.body));
      return;
    }
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      void Promise.resolve(answer(body)).then(
        () => res.writeHead(200, twiml.headers).end(twiml.body),
        () => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, smsUrl: `${url}/sms/inbound` };
}

/** One agent call per message, the least that takes a message through the agent. */
function relayTo(agentUrl: string): Answer {
  return async (body) => {
    const params = new URLSearchParams(body);
    const messageSid = params.get("MessageSid") ?? "";
    const response = await request(agentUrl, { method: "POST", body: JSON.stringify({
      agentId: BENCH_ROUTE.agentId, conversationId: messageSid, messageSid,
      from: params.get("From"), to: params.get("To"), text: params.get("Body") }),
    headers: { "content-type": "application/json",
      authorization: `Bearer ${BENCH_AGENT_TOKEN}` } });
    await response.body.json();
  };
}

async function runtime(agentUrl: string): Promise<Listening> {
  const local = await startLocalRuntime({
    authTokens: [BENCH_AUTH_TOKEN],
    routes: new InMemoryRouteStore([BENCH_ROUTE]),
    agent: { url: agentUrl, token: BENCH_AGENT_TOKEN },
    sender: DROPPING_SENDER,
  });
  process.on("SIGUSR2", () => fs.writeSync(3, `${JSON.stringify({ replies })}\n`));
  return { url: local.url, smsUrl: local.urls.smsUrl };
}

function start(kind: string | undefined, agentUrl: string | undefined): Promise<Listening> {
  if (kind === "bare") return listen();
  if (kind === "relay" && agentUrl) return listen(relayTo(agentUrl));
  if (kind === "runtime" && agentUrl) return runtime(agentUrl);
  throw new Error("usage: webhook-server.ts bare | relay <agent url> | runtime <agent url>");
}

async function main(): Promise<void> {
  const [kind, agentUrl] = process.argv.slice(2);
  const listening = await start(kind, agentUrl);
  // A clean exit on SIGTERM, so a profiler started with --cpu-prof writes its profile.
  process.once("SIGTERM", () => process.exit(0));
  fs.writeSync(3, `${JSON.stringify(listening)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
