import type { AgentClient } from "../../agent/client";
import type { AgentReply, AgentRequest } from "../../agent/contract";
import type { HandlerLogger } from "./log";

/** How often and how patiently the worker calls the agent within one delivery. */
export interface AgentRetryPolicy {
  /** Calls per delivery; defaults to 3. */
  attempts?: number;
  /** Pause before the second call, doubled before each later one; defaults to 500 ms. */
  backoffMs?: number;
}

/** The agent failed every call of one delivery; the queue delivers the message again. */
export class AgentUnavailableError extends Error {
  constructor(messageSid: string, attempts: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`agent unavailable for ${messageSid} after ${attempts} call(s): ${reason}`);
    this.name = "AgentUnavailableError";
  }
}

/**
 * Calls the agent, retrying failures and timeouts with a doubling pause. When every call fails
 * it throws {@link AgentUnavailableError}; the queue then redelivers the message and finally
 * dead-letters it, so a message is never dropped because the agent was down.
 */
export async function askAgent(
  agent: AgentClient,
  request: AgentRequest,
  policy: AgentRetryPolicy,
  logger: HandlerLogger,
): Promise<AgentReply> {
  const attempts = Math.max(1, policy.attempts ?? 3);
  const backoffMs = policy.backoffMs ?? 500;
  let lastError: unknown;

  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await agent.ask(request);
    } catch (err) {
      lastError = err;
      logger.warn("agent call failed", { messageSid: request.messageSid, attempt, attempts,
        integration: request.integration, cause: (err as Error).message });
    }
    if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1));
  }
  throw new AgentUnavailableError(request.messageSid, attempts, lastError);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
