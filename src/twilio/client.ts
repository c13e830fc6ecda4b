import twilio from "twilio";

import { checkBaseUrl } from "./base-url";
import { DEFAULT_MAX_CONCURRENCY, sharedLimiter } from "./concurrency";
import type { CredentialOptions } from "./credentials";
import { resolveCredentials } from "./credentials";
import { TwilioRequestClient } from "./request-client";
import type { RetryDependencies, RetryPolicy } from "./retry-policy";
import { envInteger, resolveRetryPolicy } from "./retry-policy";

/** A twilio-node client. */
export type Twilio = twilio.Twilio;

/** Options of {@link createTwilioClient}; each one falls back to the environment. */
export interface TwilioClientOptions extends CredentialOptions {
  /** Send every request to this origin (the emulator); `TWILIO_API_BASE_URL` otherwise. */
  baseUrl?: string;
  /** Requests in flight per process; `TWILIO_MAX_CONCURRENCY` otherwise, default 8. */
  maxConcurrency?: number;
  /** Retry policy overrides; `TWILIO_RETRY_BASE_MS`, `TWILIO_RETRY_MAX_ATTEMPTS` otherwise. */
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout in milliseconds (twilio-node's default is 30000). */
  timeoutMs?: number;
  /** Where unset options are read from; `process.env` at call time by default. */
  env?: NodeJS.ProcessEnv;
  /** Replaces real time and randomness in the retry loop (tests). */
  retryDependencies?: RetryDependencies;
}

/**
 * The one way the project talks to Twilio: a twilio-node client whose request client retries
 * 429, 5xx and network errors with full-jitter backoff, bounds concurrency per process, and,
 * when a base URL is configured, sends everything to it instead of Twilio. Reads the
 * environment when called, so a Pulumi provider picks up credentials when a method runs.
 *
 * @example
 * const client = createTwilioClient();
 * const numbers = await client.incomingPhoneNumbers.list({ phoneNumber: "+18335550100" });
 */
export function createTwilioClient(options: TwilioClientOptions = {}): Twilio {
  const env = options.env ?? process.env;
  const credentials = resolveCredentials(options, env);
  const baseUrl = options.baseUrl ?? (env.TWILIO_API_BASE_URL || undefined);
  const source = options.baseUrl === undefined ? "TWILIO_API_BASE_URL" : "baseUrl";
  const maxConcurrency =
    options.maxConcurrency ??
    envInteger(env, "TWILIO_MAX_CONCURRENCY", 1) ??
    DEFAULT_MAX_CONCURRENCY;

  const httpClient = new TwilioRequestClient({
    baseUrl: baseUrl === undefined ? undefined : checkBaseUrl(baseUrl, source),
    limiter: sharedLimiter(maxConcurrency),
    retry: resolveRetryPolicy(options.retry, env),
    timeoutMs: options.timeoutMs,
    retryDependencies: options.retryDependencies,
  });
  return twilio(credentials.username, credentials.password, {
    accountSid: credentials.accountSid,
    httpClient,
  });
}
