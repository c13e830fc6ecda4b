import { describe, expect, it } from "vitest";

import {
  DEFAULT_RETRY_POLICY, backoffDelayMs, isRetryableError, isRetryableStatus, resolveRetryPolicy,
  runWithRetries,
} from "../../src/twilio/retry-policy";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

function networkError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

/** Plays a scripted sequence of answers and failures, recording the waits in between. */
function script(outcomes: Array<number | Error>) {
  const waits: number[] = [];
  let calls = 0;
  const attempt = async () => {
    const outcome = outcomes[Math.min(calls++, outcomes.length - 1)];
    if (outcome instanceof Error) throw outcome;
    return { statusCode: outcome };
  };
  const deps = { sleep: async (ms: number) => void waits.push(ms), random: () => 0.5 };
  return { attempt, deps, waits, calls: () => calls };
}

describe("what is retried", () => {
  it.each([[429, true], [500, true], [502, true], [503, true], [200, false], [201, false],
    [400, false], [401, false], [404, false], [409, false]])("status %i → %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  it.each([
    [networkError("ECONNRESET", "socket hang up"), true],
    [networkError("ECONNREFUSED"), true],
    [networkError("ECONNABORTED", "timeout of 30000ms exceeded"), true],
    [networkError("ETIMEDOUT"), true],
    [new Error("socket hang up"), true],
    [networkError("ENOTFOUND", "getaddrinfo ENOTFOUND api.twilio.example"), false],
    [new Error("Required parameter missing"), false],
    ["not an error", false],
  ])("%s → %s", (error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });
});

describe("backoff", () => {
  it("doubles the ceiling per retry up to the cap, with full jitter below it", () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((retry) => backoffDelayMs(retry, policy, () => 0.9999));
    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it("stays within [0, ceiling) for any random value", () => {
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelayMs(4, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(800);
    }
  });
});

describe("the retry loop", () => {
  it("retries 429, 5xx and network errors until an answer comes", async () => {
    const run = script([429, 503, networkError("ECONNRESET", "socket hang up"), 500, 200]);
    const answer = await runWithRetries(run.attempt, policy, run.deps);
    expect(answer.statusCode).toBe(200);
    expect(run.calls()).toBe(5);
    expect(run.waits).toEqual([50, 100, 200, 400]);
  });

  it("returns a client error at once", async () => {
    const run = script([400, 200]);
    expect((await runWithRetries(run.attempt, policy, run.deps)).statusCode).toBe(400);
    expect(run.calls()).toBe(1);
  });

  it("gives up after maxAttempts and returns the last answer", async () => {
    const run = script([503]);
    expect((await runWithRetries(run.attempt, policy, run.deps)).statusCode).toBe(503);
    expect(run.calls()).toBe(5);
  });

  it("gives up after maxAttempts and throws the last network error", async () => {
    const run = script([networkError("ECONNRESET")]);
    await expect(runWithRetries(run.attempt, { ...policy, maxAttempts: 3 }, run.deps))
      .rejects.toMatchObject({ code: "ECONNRESET" });
    expect(run.calls()).toBe(3);
  });

  it("does not retry an error that is not a network failure", async () => {
    const run = script([new Error("bug"), 200]);
    await expect(runWithRetries(run.attempt, policy, run.deps)).rejects.toThrow("bug");
    expect(run.calls()).toBe(1);
  });
});

describe("the policy", () => {
  it("defaults to 5 attempts from 100 ms, capped at 3 s", () => {
    expect(resolveRetryPolicy({}, {})).toEqual(DEFAULT_RETRY_POLICY);
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 3000 });
  });

  it("reads TWILIO_RETRY_BASE_MS and TWILIO_RETRY_MAX_ATTEMPTS, options first", () => {
    const env = { TWILIO_RETRY_BASE_MS: "5", TWILIO_RETRY_MAX_ATTEMPTS: "2" };
    expect(resolveRetryPolicy({}, env)).toMatchObject({ baseDelayMs: 5, maxAttempts: 2 });
    expect(resolveRetryPolicy({ baseDelayMs: 1 }, env)).toMatchObject({ baseDelayMs: 1 });
  });

  it("refuses a malformed environment value, naming it", () => {
    expect(() => resolveRetryPolicy({}, { TWILIO_RETRY_BASE_MS: "fast" })).toThrow(
      "TWILIO_RETRY_BASE_MS must be a whole number of at least 0, got 'fast'",
    );
  });
});
