import { request as undiciRequest } from "undici";
import type { Dispatcher } from "undici";

import { isAgentReply } from "./contract";
import type { AgentReply, AgentRequest } from "./contract";

/** Where the chat agent is and how to authenticate to it. */
export interface AgentClientOptions {
  /** The agent endpoint; every message is one POST to this URL. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`; never logged. */
  token: string;
  /** Per-call timeout; the worker retries a call that runs out. Defaults to 10 s. */
  timeoutMs?: number;
}

/** Calls the chat agent. */
export interface AgentClient {
  ask(request: AgentRequest): Promise<AgentReply>;
}

/** A failed agent call; the message says what happened without the token or the text. */
export class AgentError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the agent answered at all. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "AgentError";
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The HTTP client of docs/agent-contract.md, on undici's `request` with its shared keep-alive
 * pool: the worker makes one call per message, and `fetch` cost about four times the CPU per
 * call under load (BENCHMARKS.md, "Where the time goes").
 */
export function createAgentClient(options: AgentClientOptions): AgentClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async ask(request) {
      const response = await post(options, request, timeoutMs);
      if (response.statusCode < 200 || response.statusCode > 299) {
        await response.body.dump();
        throw new AgentError(
          `agent answered HTTP ${response.statusCode} for ${request.messageSid}`,
          response.statusCode);
      }
      return readReply(response, request.messageSid);
    },
  };
}

async function post(options: AgentClientOptions, request: AgentRequest, timeoutMs: number) {
  try {
    return await undiciRequest(options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${options.token}`,
        "idempotency-key": request.messageSid,
      },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new AgentError(`agent call for ${request.messageSid} failed: ${reason(err, timeoutMs)}`);
  }
}

async function readReply(response: Dispatcher.ResponseData, messageSid: string):
  Promise<AgentReply> {
  let body: unknown;
  try {
    body = await response.body.json();
  } catch (err) {
    if (isTimeout(err)) {
      throw new AgentError(`agent answer for ${messageSid} did not finish in time`,
        response.statusCode);
    }
    throw new AgentError(`agent answer for ${messageSid} is not JSON`, response.statusCode);
  }

  if (!isAgentReply(body)) {
    throw new AgentError(
      `agent answer for ${messageSid} is not {"reply": string | null}`, response.statusCode);
  }
  return { reply: body.reply };
}

function reason(err: unknown, timeoutMs: number): string {
  if (isTimeout(err)) return `no answer within ${timeoutMs} ms`;
  if (!(err instanceof Error)) return String(err);
  const withCode = err as { code?: string; cause?: { code?: string } };
  const code = withCode.code ?? withCode.cause?.code;
  return code ? `${err.message} (${code})` : err.message;
}

/** `AbortSignal.timeout` rejects with a `TimeoutError` DOMException, which undici passes on. */
function isTimeout(err: unknown): boolean {
  return err instanceof Error && err.name === "TimeoutError";
}
