import { createHash } from "node:crypto";

/**
 * The body of the one POST the handlers make per inbound message (docs/agent-contract.md).
 * Field names are part of the contract: renaming one breaks every agent.
 */
export interface AgentRequest {
  /** The chat agent id from the integration's agent binding. */
  agentId: string;
  /** Stable per (integration, sender): the agent keeps its conversation state under it. */
  conversationId: string;
  /** Twilio's MessageSid; the agent may use it to drop a repeated call. */
  messageSid: string;
  /** The integration name. */
  integration: string;
  /** The sender, E.164. */
  from: string;
  /** The integration's toll-free number, E.164. */
  to: string;
  /** The message text, as Twilio delivered it. */
  text: string;
  /** When the handler received the message, ISO 8601 UTC. */
  receivedAt: string;
}

/** The agent's answer: the text to send back, or null to send nothing. */
export interface AgentReply {
  reply: string | null;
}

/**
 * The conversation id of a sender in an integration: a hash, so the sender's number never
 * appears in agent-side ids or logs, and stable, so the same sender always gets the same id.
 */
export function conversationId(integration: string, sender: string): string {
  const digest = createHash("sha256").update(`${integration}\n${sender}`).digest("hex");
  return `conv_${digest.slice(0, 32)}`;
}

/** Checks a parsed response body against the contract. */
export function isAgentReply(value: unknown): value is AgentReply {
  if (typeof value !== "object" || value === null || !("reply" in value)) return false;
  const reply = (value as { reply: unknown }).reply;
  return reply === null || typeof reply === "string";
}
