import RequestClient from "twilio/lib/base/RequestClient";
import type Response from "twilio/lib/http/response";

import { rewriteTwilioUrl } from "./base-url";
import type { ConcurrencyLimiter } from "./concurrency";
import type { RetryDependencies, RetryPolicy } from "./retry-policy";
import { runWithRetries } from "./retry-policy";

/** How the project's request client behaves. */
export interface RequestClientSettings {
  /** Send every Twilio request here instead (the emulator); real Twilio when absent. */
  baseUrl?: string;
  limiter: ConcurrencyLimiter;
  retry: RetryPolicy;
  /** Per-attempt timeout in milliseconds; twilio-node's default is 30000. */
  timeoutMs?: number;
  retryDependencies?: RetryDependencies;
}

/** A network failure that outlasted the retries; it carries no request headers or secrets. */
export class TwilioNetworkError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = "TwilioNetworkError";
  }
}

/**
 * twilio-node's RequestClient with the project's policy around each call: the base URL
 * rewrite, a process-wide bound on concurrent requests, and retries of 429, 5xx and network
 * errors for every method. A request holds a concurrency slot only while it is on the wire,
 * not while it backs off.
 */
export class TwilioRequestClient extends RequestClient {
  constructor(private readonly settings: RequestClientSettings) {
    super({ timeout: settings.timeoutMs, autoRetry: false });
  }

  override async request<TData>(
    opts: RequestClient.RequestOptions<TData>,
  ): Promise<Response<TData>> {
    const { baseUrl, limiter, retry, retryDependencies } = this.settings;
    const uri = baseUrl ? rewriteTwilioUrl(opts.uri, baseUrl) : opts.uri;
    const once = () =>
      limiter.run(() => super.request<TData>({ ...opts, uri, headers: { ...opts.headers } }));
    try {
      return await runWithRetries(once, retry, retryDependencies);
    } catch (error) {
      throw sanitized(error, opts.method, uri, retry.maxAttempts);
    }
  }
}

/**
 * axios errors carry the request configuration, Authorization header included; what leaves
 * the client is a plain error with the method, URL and cause only.
 */
function sanitized(error: unknown, method: string, uri: string, attempts: number): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const code = (error as { code?: unknown }).code;
  const cause = typeof code === "string" ? `${code} (${error.message})` : error.message;
  return new TwilioNetworkError(
    `Twilio request ${method.toUpperCase()} ${uri} failed after up to ${attempts} attempts: ${cause}`,
    typeof code === "string" ? code : undefined,
  );
}
