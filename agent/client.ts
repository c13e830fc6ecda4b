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

/** The HTTP client of docs/agent-contract.md. */
export function createAgentClient(options: AgentClientOptions): AgentClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    async ask(request) {
      const response = await post(options, request, timeoutMs);
      if (!response.ok) {
        throw new AgentError(`agent answered HTTP ${response.status} for ${request.messageSid}`,
          response.status);
      }
      return readReply(response, request.messageSid);
    },
  };
}

async function post(options: AgentClientOptions, request: AgentRequest, timeoutMs: number) {
  try {
    return await fetch(options.url, {
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
    const timedOut = err instanceof Error && err.name === "TimeoutError";
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : describe(err);
    throw new AgentError(`agent call for ${request.messageSid} failed: ${reason}`);
  }
}

async function readReply(response: Response, messageSid: string): Promise<AgentReply> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new AgentError(`agent answer for ${messageSid} is not JSON`, response.status);
  }

  if (!isAgentReply(body)) {
    throw new AgentError(
      `agent answer for ${messageSid} is not {"reply": string | null}`, response.status);
  }
  return { reply: body.reply };
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: { code?: string } }).cause?.code;
  return cause ? `${err.message} (${cause})` : err.message;
}
