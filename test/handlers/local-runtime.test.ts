import { afterEach, describe, expect, it } from "vitest";

import { startLocalAgent } from "../../agent/local-agent";
import type { LocalAgent, LocalAgentMode } from "../../agent/local-agent";
import { InMemoryRouteStore } from "../../handlers/core/routes";
import { startLocalRuntime } from "../../handlers/local/local-runtime";
import type { LocalRuntimeOptions } from "../../handlers/local/local-runtime";
import { AGENT_TOKEN, BRIGHTSMILE, captureLogs, EMPTY_TWIML, fakeSender, formBody,
  inboundParams, NORTHSIDE, PATIENT, postSigned, PRIMARY_TOKEN, SECONDARY_TOKEN } from "./helpers";

const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((item) => item.close()));
});

async function setUp(options: {
  mode?: LocalAgentMode;
  delayMs?: number;
  authTokens?: string[];
  agentTimeoutMs?: number;
  runtime?: Partial<LocalRuntimeOptions>;
} = {}) {
  const agent = await startLocalAgent({ token: AGENT_TOKEN, mode: options.mode,
    delayMs: options.delayMs });
  running.push(agent);
  const logs = captureLogs();
  const outbox = fakeSender();
  const runtime = await startLocalRuntime({
    authTokens: options.authTokens ?? [PRIMARY_TOKEN],
    routes: new InMemoryRouteStore([BRIGHTSMILE, NORTHSIDE]),
    agent: { url: agent.url, token: AGENT_TOKEN, timeoutMs: options.agentTimeoutMs ?? 1_000 },
    sender: outbox.sender,
    logger: logs.logger,
    agentRetry: { attempts: 2, backoffMs: 20 },
    queue: { maxReceives: 3, redeliveryDelayMs: 20 },
    ...options.runtime,
  });
  running.push(runtime);
  return { agent, runtime, logs, outbox };
}

function agentCalls(agent: LocalAgent, sid: string): number {
  return agent.calls.filter((call) => call.request.messageSid === sid).length;
}

describe("local runtime: a signed inbound SMS", () => {
  it("answers 200 with empty TwiML and sends the agent's reply from the toll-free number",
    async () => {
      const { agent, runtime, outbox } = await setUp();
      const params = inboundParams();

      const answer = await postSigned(runtime.urls.smsUrl, params);
      await runtime.idle();

      expect(answer.status).toBe(200);
      expect(answer.contentType).toMatch(/^text\/xml/);
      expect(answer.body).toBe(EMPTY_TWIML);
      expect(agent.calls.map((call) => call.request)).toEqual([expect.objectContaining({
        agentId: BRIGHTSMILE.agentId, messageSid: params.MessageSid, from: PATIENT,
        to: BRIGHTSMILE.phoneNumber, text: params.Body, integration: BRIGHTSMILE.integration,
      })]);
      expect(outbox.sent).toEqual([{ from: BRIGHTSMILE.phoneNumber, to: PATIENT,
        body: `${BRIGHTSMILE.agentId} received: ${params.Body}`,
        statusCallback: runtime.urls.statusCallbackUrl }]);
    });

  it("answers 403 when one byte of the signed body is changed, and calls no agent", async () => {
    const { agent, runtime, outbox } = await setUp();
    const params = inboundParams({ Body: "Can I move my cleaning to Friday?" });
    const tampered = formBody(params).replace("Friday", "Fridax");

    const answer = await postSigned(runtime.urls.smsUrl, params, { body: tampered });
    await runtime.idle();

    expect(answer.status).toBe(403);
    expect(agent.calls).toHaveLength(0);
    expect(outbox.sent).toHaveLength(0);
  });

  it("routes each toll-free number to its own integration's agent", async () => {
    const { agent, runtime } = await setUp();

    await postSigned(runtime.urls.smsUrl, inboundParams({ To: NORTHSIDE.phoneNumber }));
    await runtime.idle();

    expect(agent.calls[0].request).toMatchObject({ agentId: NORTHSIDE.agentId,
      integration: NORTHSIDE.integration });
  });

  it("accepts a message signed with the secondary token during a rotation", async () => {
    const { runtime } = await setUp({ authTokens: [PRIMARY_TOKEN, SECONDARY_TOKEN] });

    const answer = await postSigned(runtime.urls.smsUrl, inboundParams(),
      { token: SECONDARY_TOKEN });

    expect(answer.status).toBe(200);
  });

  it("answers 500 and logs a configuration error when no auth token is configured", async () => {
    const { agent, runtime, logs } = await setUp({ authTokens: [] });

    const answer = await postSigned(runtime.urls.smsUrl, inboundParams());

    expect(answer.status).toBe(500);
    expect(agent.calls).toHaveLength(0);
    expect(logs.records()).toContainEqual(expect.objectContaining({ level: "ERROR",
      message: "config_error: auth token missing" }));
  });

  it("validates the fallback URL against its own canonical URL", async () => {
    const { runtime, agent } = await setUp();
    const params = inboundParams({ ErrorCode: "11200", ErrorUrl: runtime.urls.smsUrl });

    const onFallback = await postSigned(runtime.urls.smsFallbackUrl, params);
    const signedForOther = await postSigned(runtime.urls.smsFallbackUrl, params,
      { signedUrl: runtime.urls.smsUrl });
    await runtime.idle();

    expect(onFallback.status).toBe(200);
    expect(signedForOther.status).toBe(403);
    expect(agent.calls).toHaveLength(1);
  });
});

describe("local runtime: repeated deliveries of one MessageSid", () => {
  it("calls the agent once and replies once when Twilio delivers it three times in a row",
    async () => {
      const { agent, runtime, outbox } = await setUp();
      const params = inboundParams();

      for (let delivery = 0; delivery < 3; delivery += 1) {
        expect((await postSigned(runtime.urls.smsUrl, params)).status).toBe(200);
        await runtime.idle();
      }

      expect(agentCalls(agent, params.MessageSid)).toBe(1);
      expect(outbox.sent).toHaveLength(1);
    });

  it("calls the agent once when eight deliveries arrive at the same time", async () => {
    const { agent, runtime, outbox } = await setUp({ mode: "slow", delayMs: 200 });
    const params = inboundParams();

    const answers = await Promise.all(Array.from({ length: 8 },
      () => postSigned(runtime.urls.smsUrl, params)));
    await runtime.idle();

    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(agentCalls(agent, params.MessageSid)).toBe(1);
    expect(outbox.sent).toHaveLength(1);
  });

  it("also accepts the same MessageSid once across the primary and the fallback URL",
    async () => {
      const { agent, runtime } = await setUp();
      const params = inboundParams();

      await postSigned(runtime.urls.smsUrl, params);
      await postSigned(runtime.urls.smsFallbackUrl, { ...params, ErrorCode: "11205" });
      await runtime.idle();

      expect(agentCalls(agent, params.MessageSid)).toBe(1);
    });
});

describe("local runtime: a slow or failing agent", () => {
  it("answers Twilio within 2 s while the agent takes 3 s, then sends the reply", async () => {
    const { agent, runtime, outbox } = await setUp({ mode: "slow", delayMs: 3_000,
      agentTimeoutMs: 10_000 });

    const answer = await postSigned(runtime.urls.smsUrl, inboundParams());
    const answeredAt = Date.now();
    await runtime.idle();

    expect(answer.status).toBe(200);
    expect(answer.elapsedMs).toBeLessThan(2_000);
    // The answer came before the agent had even finished: the two are decoupled, not just fast.
    expect(agent.calls[0].answeredAt).toBeGreaterThan(answeredAt + 1_000);
    expect(outbox.sent).toHaveLength(1);
  });

  it("retries an agent that is down, then dead-letters the message instead of losing it",
    async () => {
      const { agent, runtime, outbox, logs } = await setUp({ mode: "fail" });
      const params = inboundParams();

      const answer = await postSigned(runtime.urls.smsUrl, params);
      await runtime.idle();

      expect(answer.status).toBe(200);
      // 3 deliveries x 2 calls per delivery.
      expect(agentCalls(agent, params.MessageSid)).toBe(6);
      expect(outbox.sent).toHaveLength(0);
      expect(runtime.deadLetters).toEqual([expect.objectContaining({ receives: 3,
        message: expect.objectContaining({ messageSid: params.MessageSid, body: params.Body }),
        reason: expect.stringContaining("agent unavailable") })]);
      expect(logs.records()).toContainEqual(expect.objectContaining({ level: "ERROR",
        message: "message dead-lettered after its last delivery" }));
    });

  it("replies once the agent is back up before the last delivery", async () => {
    const { agent, runtime, outbox } = await setUp({ mode: "fail",
      runtime: { queue: { maxReceives: 5, redeliveryDelayMs: 150 } } });

    await postSigned(runtime.urls.smsUrl, inboundParams());
    await new Promise((resolve) => setTimeout(resolve, 100));
    agent.setMode("echo");
    await runtime.idle();

    expect(runtime.deadLetters).toHaveLength(0);
    expect(outbox.sent).toHaveLength(1);
  });

  it("sends nothing when the agent answers with a null reply", async () => {
    const { agent, runtime, outbox } = await setUp({ mode: "silent" });

    await postSigned(runtime.urls.smsUrl, inboundParams());
    await runtime.idle();

    expect(agent.calls).toHaveLength(1);
    expect(outbox.sent).toHaveLength(0);
    expect(runtime.deadLetters).toHaveLength(0);
  });
});

describe("local runtime: logs", () => {
  it("writes JSON records without a full phone number or any token", async () => {
    const { runtime, logs } = await setUp();

    await postSigned(runtime.urls.smsUrl, inboundParams());
    await postSigned(runtime.urls.smsUrl, inboundParams(), { token: SECONDARY_TOKEN });
    await runtime.idle();

    const text = logs.lines.join("\n");
    expect(logs.records().length).toBeGreaterThan(3);
    expect(text).toContain("*0134");
    for (const secret of [PATIENT, BRIGHTSMILE.phoneNumber, PRIMARY_TOKEN, SECONDARY_TOKEN,
      AGENT_TOKEN]) {
      expect(text).not.toContain(secret);
    }
  });
});
