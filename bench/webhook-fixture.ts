import { randomBytes } from "node:crypto";

import twilio from "twilio";

import type { Route } from "../handlers/core/routes";

/** The auth token the benchmark's webhooks check signatures with (not a real one). */
export const BENCH_AUTH_TOKEN = "b3e1c5d7f9a1b3c5d7e9f1a3b5c7d9e1";
export const BENCH_AGENT_TOKEN = "bench-agent-token";
export const BENCH_ACCOUNT_SID = "AC00000000000000000000000000000b8b";

/** BrightSmile Dental's route, as the program writes it from the intake file. */
export const BENCH_ROUTE: Route = {
  phoneNumber: "+18335550100",
  integration: "brightsmile-dental",
  agentId: "agt_01HZX3K9BRIGHTSMILE",
  helpMessage: "BrightSmile Dental: For help call (217) 555-0100. Reply STOP to opt out.",
};

/**
 * A signed inbound SMS as Twilio posts it (twilio-reference 5.3): a patient's question, with a
 * MessageSid of its own, so every request is new work and not a repeated delivery.
 */
export function signedInbound(smsUrl: string): { body: string; signature: string } {
  const sid = `SM${randomBytes(16).toString("hex")}`;
  const params: Record<string, string> = {
    ToCountry: "US", SmsMessageSid: sid, NumMedia: "0", FromZip: "62704", SmsSid: sid,
    FromState: "IL", SmsStatus: "received", FromCity: "SPRINGFIELD",
    Body: "Can I move my cleaning to Friday?", FromCountry: "US", To: BENCH_ROUTE.phoneNumber,
    NumSegments: "1", MessageSid: sid, AccountSid: BENCH_ACCOUNT_SID, From: "+12175550134",
    ApiVersion: "2010-04-01",
  };
  return { body: new URLSearchParams(params).toString(),
    signature: twilio.getExpectedTwilioSignature(BENCH_AUTH_TOKEN, smsUrl, params) };
}
