import { setTimeout as sleep } from "node:timers/promises";

/**
 * How Twilio calls are retried. twilio-node retries only HTTP 429 itself, and not at all once
 * a custom httpClient is passed (twilio-node src/base/BaseTwilio.ts), so the project's request
 * client applies this policy to every method: the reconcile code makes its POSTs safe to
 * repeat by adopting what a lost answer created.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Backoff before retry n is a random delay below min(maxDelayMs, baseDelayMs * 2^(n-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  // twilio-node's own 429 backoff caps at 3000 ms (maxRetryDelay default).
  maxDelayMs: 3000,
};

/**
 * Network failures worth another try: the connection was reset, refused or hung up, or the
 * request timed out (axios reports its timeout as ECONNABORTED). DNS failures are not here:
 * a wrong host does not heal with time.
 */
const RETRYABLE_CODES = new Set([
  "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "ESOCKETTIMEDOUT", "EPIPE",
  "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ERR_NETWORK", "UND_ERR_SOCKET",
]);

/** 429 (Twilio 20429: "safe to retry after backing off") and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Whether a thrown request error is a transient network failure. */
export function isRetryableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && RETRYABLE_CODES.has(code)) return true;
  return /socket hang up|timeout|timed out/i.test(error.message);
}

/** Full-jitter exponential backoff before retry number `retry` (1 for the first retry). */
export function backoffDelayMs(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** What a retry loop may be given instead of real time and randomness, for tests. */
export interface RetryDependencies {
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
  /** Told before each retry, e.g. to log it. */
  onRetry?: (retry: { attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * Runs `attempt` until it answers with a status that is not retryable, throws an error that
 * is not, or the attempts run out; then returns the last answer or throws the last error.
 */
export async function runWithRetries<R extends { statusCode: number }>(
  attempt: () => Promise<R>,
  policy: RetryPolicy,
  deps: RetryDependencies = {},
): Promise<R> {
  const wait = deps.sleep ?? sleep;
  for (let n = 1; ; n++) {
    let reason: string;
    try {
      const response = await attempt();
      if (!isRetryableStatus(response.statusCode) || n >= policy.maxAttempts) return response;
      reason = `HTTP ${response.statusCode}`;
    } catch (error) {
      if (!isRetryableError(error) || n >= policy.maxAttempts) throw error;
      reason = (error as Error).message;
    }
    const delayMs = backoffDelayMs(n, policy, deps.random);
    deps.onRetry?.({ attempt: n, delayMs, reason });
    await wait(delayMs);
  }
}

/**
 * The policy from options, then the environment (`TWILIO_RETRY_BASE_MS`,
 * `TWILIO_RETRY_MAX_ATTEMPTS`), then the defaults. Tests set a small base to stay fast.
 */
export function resolveRetryPolicy(
  overrides: Partial<RetryPolicy> = {},
  env: NodeJS.ProcessEnv = process.env,
): RetryPolicy {
  const baseDelayMs = overrides.baseDelayMs ?? envInteger(env, "TWILIO_RETRY_BASE_MS", 0);
  const maxAttempts = overrides.maxAttempts ?? envInteger(env, "TWILIO_RETRY_MAX_ATTEMPTS", 1);
  return {
    maxAttempts: maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelayMs: baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: overrides.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
  };
}

/** A whole-number environment variable, or a clear error naming it. */
export function envInteger(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
  const text = env[name];
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, got '${text}'`);
  }
  return value;
}
