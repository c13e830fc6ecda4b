import { IdempotencyAlreadyInProgressError } from "@aws-lambda-powertools/idempotency";
import { afterEach, describe, expect, it, vi } from "vitest";

import { inMemoryPersistence, powertoolsOncePerMessage } from "../../handlers/core/idempotency";
import { MESSAGE_SID_RETENTION_SECONDS } from "../../handlers/core/once-per-message";
import type { OncePerMessage } from "../../handlers/core/once-per-message";
import { inProcessOncePerMessage } from "../../handlers/local/in-process-once";
import { messageSid } from "./helpers";

/** Both runtimes' guards keep the same rules; the handlers rely on nothing else. */
const GUARDS: [string, () => OncePerMessage][] = [
  ["Powertools idempotency (AWS)", () => powertoolsOncePerMessage(inMemoryPersistence())],
  ["the in-process guard (local runtime)", () => inProcessOncePerMessage()],
];

afterEach(() => {
  vi.useRealTimers();
});

/** An operation that counts its runs and answers with the MessageSid it ran for. */
function counted(once: OncePerMessage, operation = "accept") {
  const runs: string[] = [];
  const guarded = once(operation, async (input: { messageSid: string }) => {
    runs.push(input.messageSid);
    return { queuedFor: input.messageSid };
  });
  return { guarded, runs };
}

describe.each(GUARDS)("once per MessageSid with %s", (_name, makeGuard) => {
  it("runs once and gives a repeated delivery the stored result", async () => {
    const { guarded, runs } = counted(makeGuard());
    const sid = messageSid();

    const first = await guarded({ messageSid: sid });
    const repeat = await guarded({ messageSid: sid });

    expect(first).toEqual({ value: { queuedFor: sid }, duplicate: false });
    expect(repeat).toEqual({ value: { queuedFor: sid }, duplicate: true });
    expect(runs).toEqual([sid]);
  });

  it("refuses a delivery that arrives while the first one still runs", async () => {
    let finish: (() => void) | undefined;
    const guarded = makeGuard()("agent", (input: { messageSid: string }) =>
      new Promise<string>((resolve) => (finish = () => resolve(input.messageSid))));
    const sid = messageSid();

    const first = guarded({ messageSid: sid });
    await vi.waitFor(() => expect(finish).toBeDefined());
    const concurrent = guarded({ messageSid: sid });

    await expect(concurrent).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    finish!();
    await expect(first).resolves.toEqual({ value: sid, duplicate: false });
  });

  it("runs again after a failed run, which leaves no record", async () => {
    let fail = true;
    const guarded = makeGuard()("reply", async (input: { messageSid: string }) => {
      if (fail) throw new Error("Twilio answered 503");
      return input.messageSid;
    });
    const sid = messageSid();

    await expect(guarded({ messageSid: sid })).rejects.toThrow("Twilio answered 503");
    fail = false;

    await expect(guarded({ messageSid: sid })).resolves.toEqual({ value: sid, duplicate: false });
  });

  it("keeps operations apart: one MessageSid is accepted, asked about and answered", async () => {
    const once = makeGuard();
    const sid = messageSid();

    const answers = await Promise.all(["accept", "agent", "reply"].map((operation) =>
      counted(once, operation).guarded({ messageSid: sid })));

    expect(answers.map((answer) => answer.duplicate)).toEqual([false, false, false]);
  });

  it("forgets a MessageSid once its retention has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { guarded, runs } = counted(makeGuard());
    const sid = messageSid();

    await guarded({ messageSid: sid });
    vi.setSystemTime(Date.now() + (MESSAGE_SID_RETENTION_SECONDS - 60) * 1000);
    await guarded({ messageSid: sid });
    vi.setSystemTime(Date.now() + 120 * 1000);
    await guarded({ messageSid: sid });

    expect(runs).toEqual([sid, sid]);
  });
});
