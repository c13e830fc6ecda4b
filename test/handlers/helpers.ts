import { randomBytes } from "node:crypto";

import twilio from "twilio";

import type { Route } from "../../handlers/core/routes";
import { createHandlerLogger } from "../../handlers/core/log";
import type { MessageSender, OutboundMessage } from "../../handlers/core/message-sender";

/** Test auth tokens: 32 hex characters, like Twilio's. */
export const PRIMARY_TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
export const SECONDARY_TOKEN = "f9e8d7c6b5a4938271605f4e3d2c1b0a";
export const AGENT_TOKEN = "agent-test-token-5b1d";
export const ACCOUNT_SID = "AC00000000000000000000000000000001";

/** Routes as the Pulumi program writes them from the intake records. */
export const BRIGHTSMILE: Route = {
  phoneNumber: "+18335550100",
  integration: "brightsmile-dental",
  agentId: "agt_01HZX3K9BRIGHTSMILE",
  helpMessage: "BrightSmile Dental: For help call (217) 555-0100 or visit " +
    "brightsmile-dental.example. Reply STOP to opt out.",
};

export const NORTHSIDE: Route = {
  phoneNumber: "+18885550142",
  integration: "northside-bakery",
  agentId: "agt_01HZX3KBNORTHSIDE",
  helpMessage: "Northside Bakery: Questions? Call (414) 555-0100 or visit " +
    "northsidebakery.example. Reply STOP to opt out.",
};

/** A patient of BrightSmile texting in. */
export const PATIENT = "+12175550134";

/** A fresh Twilio-shaped MessageSid. */
export function messageSid(): string {
  return `SM${randomBytes(16).toString("hex")}`;
}

/** The parameters Twilio posts for an inbound SMS (twilio-reference 5.3). */
export function inboundParams(overrides: Record<string, string> = {}): Record<string, string> {
  const sid = overrides.MessageSid ?? messageSid();
  return {
    ToCountry: "US", ToState: "", SmsMessageSid: sid, NumMedia: "0", ToCity: "", FromZip: "62704",
    SmsSid: sid, FromState: "IL", SmsStatus: "received", FromCity: "SPRINGFIELD",
    Body: "Can I move my cleaning to Friday?", FromCountry: "US", To: BRIGHTSMILE.phoneNumber,
    ToZip: "", NumSegments: "1", MessageSid: sid, AccountSid: ACCOUNT_SID, From: PATIENT,
    ApiVersion: "2010-04-01",
    ...overrides,
  };
}

/** A form body the way Twilio encodes it. */
export function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/** The X-Twilio-Signature Twilio would send for a form POST to `url`. */
export function sign(url: string, params: Record<string, string>, token = PRIMARY_TOKEN): string {
  return twilio.getExpectedTwilioSignature(token, url, params);
}

/** POSTs a signed form, as Twilio does, and returns status, content type and body. */
export async function postSigned(
  url: string,
  params: Record<string, string>,
  options: { token?: string; body?: string; signedUrl?: string } = {},
): Promise<{ status: number; contentType: string; body: string; elapsedMs: number }> {
  const signature = sign(options.signedUrl ?? url, params, options.token);
  const started = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": signature },
    body: options.body ?? formBody(params),
  });
  const body = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type") ?? "",
    body, elapsedMs: Date.now() - started };
}

/** The exact empty TwiML the handlers answer with. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** A logger whose JSON records the test can read. */
export function captureLogs() {
  const lines: string[] = [];
  const logger = createHandlerLogger({ serviceName: "test", logLevel: "DEBUG",
    write: (line) => lines.push(line) });
  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A MessageSender that records what it was asked to send; `fail` makes it throw. */
export function fakeSender() {
  const sent: OutboundMessage[] = [];
  const state: { fail?: (message: OutboundMessage) => unknown } = {};
  const sender: MessageSender = {
    async send(message) {
      if (state.fail) {
        const failure = state.fail(message);
        if (failure) throw failure;
      }
      sent.push(message);
      return { sid: `SM${String(sent.length).padStart(32, "0")}` };
    },
  };
  return { sender, sent, state };
}

/** An error shaped like twilio-node's RestException. */
export function twilioError(status: number, code: number, message: string): Error {
  return Object.assign(new Error(message), { status, code,
    moreInfo: `https://www.twilio.com/docs/errors/${code}` });
}
