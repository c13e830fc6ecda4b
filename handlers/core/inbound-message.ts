import { firstParam } from "./form-body";
import type { FormParams } from "./form-body";

/** An inbound SMS as it travels through the queue to the worker. */
export interface InboundMessage {
  /** Twilio's MessageSid (SM… or MM…): the idempotency key of everything downstream. */
  messageSid: string;
  accountSid: string;
  /** The sender, E.164. */
  from: string;
  /** The integration's toll-free number, E.164. */
  to: string;
  body: string;
  /** `MediaUrl0…` of an MMS, in order. */
  mediaUrls: string[];
  /** When the handler accepted the message, ISO 8601 UTC. */
  receivedAt: string;
}

/** The queue between the inbound handler and the worker. */
export interface MessageQueue {
  enqueue(message: InboundMessage): Promise<void>;
}

/**
 * Reads the message out of Twilio's inbound parameters (twilio-reference 5.3). Returns a
 * one-line problem instead when a required parameter is missing.
 */
export function inboundMessageFrom(
  params: FormParams,
  now: Date = new Date(),
): InboundMessage | { problem: string } {
  const messageSid = firstParam(params, "MessageSid") ?? firstParam(params, "SmsSid");
  const from = firstParam(params, "From");
  const to = firstParam(params, "To");
  if (!messageSid || !from || !to) {
    const missing = [!messageSid && "MessageSid", !from && "From", !to && "To"].filter(Boolean);
    return { problem: `missing parameter(s) ${missing.join(", ")}` };
  }

  return {
    messageSid,
    accountSid: firstParam(params, "AccountSid") ?? "",
    from,
    to,
    body: firstParam(params, "Body") ?? "",
    mediaUrls: mediaUrls(params),
    receivedAt: now.toISOString(),
  };
}

function mediaUrls(params: FormParams): string[] {
  const count = Number(firstParam(params, "NumMedia") ?? "0");
  const urls: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const url = firstParam(params, `MediaUrl${index}`);
    if (url) urls.push(url);
  }
  return urls;
}
