import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startLocalAgent } from "../../agent/local-agent";
import type { LocalAgent } from "../../agent/local-agent";
import { startEmulator } from "../../emulator";
import type { RunningEmulator } from "../../emulator";
import { InMemoryRouteStore } from "../../handlers/core/routes";
import { twilioMessageSender } from "../../handlers/core/twilio-sender";
import { startLocalRuntime } from "../../handlers/local/local-runtime";
import type { LocalRuntime } from "../../handlers/local/local-runtime";
import { ACCOUNT_SID, AGENT_TOKEN, BRIGHTSMILE, captureLogs, PATIENT,
  PRIMARY_TOKEN } from "./helpers";

let emulator: RunningEmulator;
let agent: LocalAgent;
let runtime: LocalRuntime;
const logs = captureLogs();

async function hook<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulator.url}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface EmulatedMessage { direction: string; from: string; to: string; body: string;
  status: string }

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ accountSid: ACCOUNT_SID, authToken: PRIMARY_TOKEN,
    allowUnverifiedSending: true });
  agent = await startLocalAgent({ token: AGENT_TOKEN });
  runtime = await startLocalRuntime({ authTokens: [emulator.authToken],
    routes: new InMemoryRouteStore([BRIGHTSMILE]), logger: logs.logger,
    agent: { url: agent.url, token: AGENT_TOKEN },
    sender: twilioMessageSender({ baseUrl: emulator.url, accountSid: emulator.accountSid,
      authToken: emulator.authToken }) });
  await hook("seed", { owned: [{ phoneNumber: BRIGHTSMILE.phoneNumber,
    smsUrl: runtime.urls.smsUrl, smsFallbackUrl: runtime.urls.smsFallbackUrl }] });
});

afterAll(async () => {
  await runtime?.close();
  await agent?.close();
  await emulator?.close();
});

describe("a conversation through the Twilio emulator", () => {
  it("delivers a signed inbound SMS, and the agent's reply lands in the emulator's log",
    async () => {
      const delivery = await hook<{ status: number; twiml: string }>("inbound",
        { to: BRIGHTSMILE.phoneNumber, from: PATIENT, body: "Do you take new patients?" });
      await runtime.idle();

      expect(delivery.status).toBe(200);
      const reply = await waitFor(async () => {
        const { messages } = await hook<{ messages: EmulatedMessage[] }>("messages");
        return messages.find((message) => message.direction.startsWith("outbound"));
      });
      expect(reply).toMatchObject({ from: BRIGHTSMILE.phoneNumber, to: PATIENT,
        body: `${BRIGHTSMILE.agentId} received: Do you take new patients?` });
    });

  it("answers HELP with the help text through TwiML", async () => {
    const delivery = await hook<{ status: number; replies: { body: string }[] }>("inbound",
      { to: BRIGHTSMILE.phoneNumber, from: "+12175550166", body: "HELP" });

    expect(delivery.replies.map((reply) => reply.body)).toEqual([BRIGHTSMILE.helpMessage]);
  });

  it("accepts the emulator's signed delivery-status callback for the reply", async () => {
    const status = await waitFor(async () => logs.records().find((record) =>
      record.message === "reply status" || record.message === "reply not delivered"));

    expect(status).toMatchObject({ integration: BRIGHTSMILE.integration });
    expect(logs.records().filter((record) => record.message ===
      "rejected webhook: signature check failed")).toEqual([]);
  });
});
