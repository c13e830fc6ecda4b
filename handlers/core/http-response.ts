// TwiML alone: the full twilio package would put the REST client in every bundle.
import MessagingResponse from "twilio/lib/twiml/MessagingResponse";

/** A runtime-neutral HTTP response; each runtime adapter writes it out. */
export interface WebhookResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const XML = { "content-type": "text/xml; charset=utf-8" };
const TEXT = { "content-type": "text/plain; charset=utf-8" };

/** Built once: twilio-node's TwiML builder costs more than the rest of a quick answer. */
const EMPTY_TWIML = new MessagingResponse().toString();

/**
 * 200 with an empty TwiML `<Response/>`: Twilio sends nothing back itself and the agent's reply
 * goes out later through the Messages API (twilio-reference 5.3).
 */
export function emptyTwiml(): WebhookResponse {
  return { statusCode: 200, headers: XML, body: EMPTY_TWIML };
}

/** 200 with TwiML that makes Twilio answer the sender with `text` from the receiving number. */
export function messageTwiml(text: string): WebhookResponse {
  const response = new MessagingResponse();
  response.message(text);
  return { statusCode: 200, headers: XML, body: response.toString() };
}

/** A bare status with a one-line reason; details stay in the log, never in the response. */
export function plainStatus(statusCode: number, reason: string): WebhookResponse {
  return { statusCode, headers: TEXT, body: `${reason}\n` };
}
