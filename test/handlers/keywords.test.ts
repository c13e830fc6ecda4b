import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startLocalAgent } from "../../agent/local-agent";
import type { LocalAgent } from "../../agent/local-agent";
import { classifyMessage } from "../../handlers/core/keywords";
import { InMemoryRouteStore } from "../../handlers/core/routes";
import { startLocalRuntime } from "../../handlers/local/local-runtime";
import type { LocalRuntime } from "../../handlers/local/local-runtime";
import { AGENT_TOKEN, BRIGHTSMILE, captureLogs, EMPTY_TWIML, fakeSender, inboundParams,
  PATIENT, postSigned, PRIMARY_TOKEN } from "./helpers";

let agent: LocalAgent;
let runtime: LocalRuntime;
let outbox: ReturnType<typeof fakeSender>;

beforeAll(async () => {
  agent = await startLocalAgent({ token: AGENT_TOKEN });
  outbox = fakeSender();
  runtime = await startLocalRuntime({ authTokens: [PRIMARY_TOKEN],
    routes: new InMemoryRouteStore([BRIGHTSMILE]), sender: outbox.sender,
    agent: { url: agent.url, token: AGENT_TOKEN }, logger: captureLogs().logger });
});

afterAll(async () => {
  await runtime.close();
  await agent.close();
});

beforeEach(() => {
  agent.calls.length = 0;
  outbox.sent.length = 0;
});

let sender = 0;
/** A fresh sender per case, so opt-outs recorded by one row do not leak into the next. */
function newSender(): string {
  sender += 1;
  return `+1217555${String(1000 + sender)}`;
}

async function text(from: string, body: string, extra: Record<string, string> = {}) {
  const answer = await postSigned(runtime.urls.smsUrl, inboundParams({ From: from, Body: body,
    ...extra }));
  await runtime.idle();
  return answer;
}

describe("toll-free keywords (F16)", () => {
  it.each([
    ["STOP"], [" stop "], ["Stop."], ["STOPALL"], ["unsubscribe"], ["Cancel"], ["end"],
    ["QUIT"], ["revoke"], ["OptOut"],
  ])("records an opt-out for %j and does not send it to the agent as chat", async (body) => {
    const from = newSender();

    const answer = await text(from, body);
    await text(from, "Are you open Saturday?");

    expect(answer).toMatchObject({ status: 200, body: EMPTY_TWIML });
    expect(agent.calls).toHaveLength(0);
    expect(await runtime.optOuts.isOptedOut(BRIGHTSMILE.phoneNumber, from)).toBe(true);
  });

  it.each([["START"], ["unstop"], ["Unstop!"]])(
    "clears the opt-out on %j without calling the agent, and later chat reaches it again",
    async (body) => {
      const from = newSender();
      await text(from, "STOP");

      const answer = await text(from, body);
      expect(agent.calls).toHaveLength(0);
      await text(from, "Are you open Saturday?");

      expect(answer).toMatchObject({ status: 200, body: EMPTY_TWIML });
      expect(agent.calls.map((call) => call.request.text)).toEqual(["Are you open Saturday?"]);
    });

  it.each([["HELP"], ["help"], [" Info "]])(
    "answers %j with the integration's help text and no agent call", async (body) => {
      const answer = await text(newSender(), body);

      expect(answer.status).toBe(200);
      expect(answer.body).toContain(`<Message>${BRIGHTSMILE.helpMessage}</Message>`);
      expect(agent.calls).toHaveLength(0);
    });

  it("sends no help text to a sender who opted out", async () => {
    const from = newSender();
    await text(from, "STOP");

    const answer = await text(from, "HELP");

    expect(answer.body).toBe(EMPTY_TWIML);
  });

  it.each([["Stop please"], ["please stop by tomorrow"], ["Stop. Thank you"], ["yes"],
    ["HELP me reschedule"]])("treats %j as chat for the agent", async (body) => {
    const from = newSender();

    const answer = await text(from, body);

    expect(answer.body).toBe(EMPTY_TWIML);
    expect(agent.calls.map((call) => call.request.text)).toEqual([body]);
    expect(outbox.sent).toEqual([expect.objectContaining({ to: from })]);
  });

  it("lets YES not undo a toll-free opt-out: only START or UNSTOP do", async () => {
    const from = newSender();
    await text(from, "STOP");

    await text(from, "YES");

    expect(agent.calls).toHaveLength(0);
    expect(await runtime.optOuts.isOptedOut(BRIGHTSMILE.phoneNumber, from)).toBe(true);
  });

  it("follows Twilio's OptOutType when Advanced Opt-Out matched a custom keyword", async () => {
    const from = newSender();

    await text(from, "ARRET", { OptOutType: "STOP" });

    expect(agent.calls).toHaveLength(0);
    expect(await runtime.optOuts.isOptedOut(BRIGHTSMILE.phoneNumber, from)).toBe(true);
  });

  it("keeps the opt-out per toll-free number and sender", async () => {
    await text(PATIENT, "STOP");

    expect(await runtime.optOuts.isOptedOut(BRIGHTSMILE.phoneNumber, PATIENT)).toBe(true);
    expect(await runtime.optOuts.isOptedOut("+18885550142", PATIENT)).toBe(false);
  });
});

describe("classifyMessage", () => {
  it.each([
    ["STOP", "opt-out"], ["stop!", "opt-out"], ["START", "opt-in"], ["INFO", "help"],
    ["stopping by later", "chat"], ["", "chat"], ["stop stop", "chat"],
  ] as const)("classifies %j as %s", (body, intent) => {
    expect(classifyMessage(body)).toBe(intent);
  });
});
