import { beforeEach, describe, expect, it } from "vitest";

import type { AgentClient } from "../../agent/client";
import type { AgentRequest } from "../../agent/contract";
import { inMemoryPersistence, powertoolsOncePerMessage } from "../../handlers/core/idempotency";
import type { InboundMessage } from "../../handlers/core/inbound-message";
import { InMemoryOptOutStore } from "../../handlers/core/opt-outs";
import { InMemoryRouteStore } from "../../handlers/core/routes";
import { webhookUrls } from "../../handlers/core/urls";
import type { OncePerMessage } from "../../handlers/core/once-per-message";
import { createWorker } from "../../handlers/core/worker";
import { inProcessOncePerMessage } from "../../handlers/local/in-process-once";
import { BRIGHTSMILE, captureLogs, fakeSender, messageSid, PATIENT, twilioError } from "./helpers";

function countingAgent(reply: (request: AgentRequest) => string | null = (r) => `re: ${r.text}`) {
  const calls: AgentRequest[] = [];
  const agent: AgentClient = {
    async ask(request) {
      calls.push(request);
      return { reply: reply(request) };
    },
  };
  return { agent, calls };
}

/** The worker must keep its promises over either runtime's once-per-MessageSid guard. */
const GUARDS: [string, () => OncePerMessage][] = [
  ["Powertools idempotency (AWS)", () => powertoolsOncePerMessage(inMemoryPersistence())],
  ["the in-process guard (local runtime)", () => inProcessOncePerMessage()],
];

let guard: () => OncePerMessage = GUARDS[0]![1];

function setUp(reply?: (request: AgentRequest) => string | null) {
  const { agent, calls } = countingAgent(reply);
  const outbox = fakeSender();
  const logs = captureLogs();
  const optOuts = new InMemoryOptOutStore();
  const work = createWorker({ urls: webhookUrls("https://hooks.example.test"),
    routes: new InMemoryRouteStore([BRIGHTSMILE]), optOuts, agent, sender: outbox.sender,
    once: guard(), logger: logs.logger, agentRetry: { attempts: 1, backoffMs: 1 } });
  return { work, calls, outbox, logs, optOuts };
}

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return { messageSid: messageSid(), accountSid: "AC00000000000000000000000000000001",
    from: PATIENT, to: BRIGHTSMILE.phoneNumber, body: "Is parking free?", mediaUrls: [],
    receivedAt: "2026-12-03T15:00:00.000Z", ...overrides };
}

describe.each(GUARDS)("worker over %s", (_name, makeGuard) => {
  beforeEach(() => {
    guard = makeGuard;
  });

  it("sends the agent's reply from the integration's number with the status callback",
    async () => {
      const { work, calls, outbox } = setUp();
      const inbound = message();

      expect(await work(inbound)).toBe("replied");

      expect(calls).toEqual([expect.objectContaining({ agentId: BRIGHTSMILE.agentId,
        messageSid: inbound.messageSid, conversationId: expect.stringMatching(/^conv_/) })]);
      expect(outbox.sent).toEqual([{ from: BRIGHTSMILE.phoneNumber, to: PATIENT,
        body: "re: Is parking free?", statusCallback: "https://hooks.example.test/sms/status" }]);
    });

  it("gives one sender the same conversation id for every message", async () => {
    const { work, calls } = setUp();

    await work(message());
    await work(message({ body: "And on weekends?" }));

    expect(calls[0].conversationId).toBe(calls[1].conversationId);
  });

  it("does not call the agent or reply again when SQS delivers a message twice", async () => {
    const { work, calls, outbox } = setUp();
    const inbound = message();

    await work(inbound);
    await work({ ...inbound });

    expect(calls).toHaveLength(1);
    expect(outbox.sent).toHaveLength(1);
  });

  it("retries a send that hit a Twilio 500 without calling the agent a second time",
    async () => {
      const { work, calls, outbox } = setUp();
      const inbound = message();
      outbox.state.fail = () => twilioError(500, 20500, "Internal Server Error");

      await expect(work(inbound)).rejects.toThrow("Internal Server Error");
      outbox.state.fail = undefined;
      expect(await work(inbound)).toBe("replied");

      expect(calls).toHaveLength(1);
      expect(outbox.sent).toHaveLength(1);
    });

  it("treats 21610 as final: records the opt-out, logs it against the integration, no retry",
    async () => {
      const { work, outbox, logs, optOuts, calls } = setUp();
      outbox.state.fail = () => twilioError(400, 21610,
        "Attempt to send to unsubscribed recipient");

      expect(await work(message())).toBe("reply-rejected");
      await work(message());

      expect(await optOuts.isOptedOut(BRIGHTSMILE.phoneNumber, PATIENT)).toBe(true);
      expect(calls).toHaveLength(1);
      expect(logs.records()).toContainEqual(expect.objectContaining({ level: "ERROR",
        integration: BRIGHTSMILE.integration, twilioErrorCode: 21610 }));
    });

  it("treats 30032 (toll-free number not verified) as final and logs it", async () => {
    const { work, outbox, logs } = setUp();
    outbox.state.fail = () => twilioError(400, 30032, "Toll-Free Number Has Not Been Verified");

    expect(await work(message())).toBe("reply-rejected");

    expect(logs.records()).toContainEqual(expect.objectContaining({ level: "ERROR",
      message: "reply refused by Twilio; not retried", integration: BRIGHTSMILE.integration,
      twilioErrorCode: 30032 }));
  });

  it("skips the agent for a sender who opted out", async () => {
    const { work, calls, optOuts } = setUp();
    await optOuts.optOut(BRIGHTSMILE.phoneNumber, PATIENT);

    expect(await work(message())).toBe("sender-opted-out");
    expect(calls).toHaveLength(0);
  });

  it("fails a message to a number without a route, naming the fix", async () => {
    const { work } = setUp();

    await expect(work(message({ to: "+18445550199" }))).rejects.toThrow(
      /no route for toll-free number \+18445550199.*add an integration file/);
  });

  it("cuts a reply to Twilio's 1600-character limit", async () => {
    const { work, outbox } = setUp(() => "x".repeat(2_000));

    await work(message());

    expect(outbox.sent[0].body).toHaveLength(1_600);
  });
});
