import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import type { AgentRequest } from "./contract";

/**
 * How the local agent behaves: `echo` answers at once, `slow` answers after `delayMs`, `fail`
 * answers 503 (an agent that is down), `silent` answers `{"reply": null}`.
 */
export type LocalAgentMode = "echo" | "slow" | "fail" | "silent";

/** Options of {@link startLocalAgent}. */
export interface LocalAgentOptions {
  /** 0 or absent picks a free port. */
  port?: number;
  /** The bearer token callers must send. */
  token: string;
  mode?: LocalAgentMode;
  /** The delay of `slow` mode; defaults to 5 s. */
  delayMs?: number;
}

/** One call the agent received with the right token. */
export interface LocalAgentCall {
  request: AgentRequest;
  /** `Date.now()` when the request arrived and when the answer was written. */
  receivedAt: number;
  answeredAt?: number;
}

/** A running local agent. */
export interface LocalAgent {
  /** The URL to POST to (the agent binding's endpoint in the dev stack). */
  url: string;
  /** Every authorised call, in arrival order. */
  calls: LocalAgentCall[];
  /** Changes the behaviour for later calls (an agent that comes back up, for example). */
  setMode(mode: LocalAgentMode): void;
  close(): Promise<void>;
}

/** The deterministic answer of the local agent to `request`. */
export function localAgentReply(request: AgentRequest): string {
  return `${request.agentId} received: ${request.text}`;
}

/**
 * Starts the chat agent of the dev stack and the tests on 127.0.0.1. It implements
 * docs/agent-contract.md: bearer token, one JSON request per message, `{"reply": ...}` back.
 */
export async function startLocalAgent(options: LocalAgentOptions): Promise<LocalAgent> {
  const state = { mode: options.mode ?? "echo", delayMs: options.delayMs ?? 5_000 };
  const calls: LocalAgentCall[] = [];
  const server = createServer((req, res) => {
    void answer(req, res, options.token, state, calls);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    calls,
    setMode: (mode) => {
      state.mode = mode;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  state: { mode: LocalAgentMode; delayMs: number },
  calls: LocalAgentCall[],
): Promise<void> {
  const body = await readBody(req);
  if (req.method !== "POST") return reply(res, 405, { error: "POST only" });
  if (req.headers.authorization !== `Bearer ${token}`) {
    return reply(res, 401, { error: "missing or wrong bearer token" });
  }

  const request = parseRequest(body);
  if (!request) return reply(res, 400, { error: "body is not an agent request" });

  const call: LocalAgentCall = { request, receivedAt: Date.now() };
  calls.push(call);
  const mode = state.mode;
  if (mode === "slow") await new Promise((resolve) => setTimeout(resolve, state.delayMs));

  call.answeredAt = Date.now();
  if (mode === "fail") return reply(res, 503, { error: "local agent is in fail mode" });
  reply(res, 200, { reply: mode === "silent" ? null : localAgentReply(request) });
}

function parseRequest(body: string): AgentRequest | undefined {
  try {
    const value = JSON.parse(body) as Partial<AgentRequest>;
    const fields = ["agentId", "conversationId", "messageSid", "from", "to", "text"] as const;
    return fields.every((field) => typeof value[field] === "string")
      ? (value as AgentRequest)
      : undefined;
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
