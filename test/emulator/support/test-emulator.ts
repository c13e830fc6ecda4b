import type { ApiExchange, EmulatorOptions, RunningEmulator } from "../../../emulator";
import { startEmulator } from "../../../emulator";
import type { Twilio } from "../../../src/twilio/client";
import { createTwilioClient } from "../../../src/twilio/client";
import { openApiValidator, specsMissing } from "./openapi";

/** An emulator for a test file, with an SDK client on it and every answer checked. */
export interface TestEmulator {
  emulator: RunningEmulator;
  /** twilio-node through the project's factory, pointed at the emulator. */
  client: Twilio;
  /** Every Twilio API answer so far (hooks excluded). */
  exchanges: ApiExchange[];
  /** Answers that do not match Twilio's OpenAPI specs (empty when the specs are absent). */
  violations: string[];
  /** Calls a test hook under `/_emulator/` and returns its JSON (throws on non-2xx). */
  hook<T = unknown>(method: string, name: string, body?: unknown): Promise<T>;
  /** A raw Twilio API call with the account's Basic auth: form body in, status and JSON out. */
  api(method: string, path: string, form?: Record<string, string | string[]>): Promise<{
    status: number;
    body: unknown;
  }>;
  close(): Promise<void>;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const exchanges: ApiExchange[] = [];
  const violations: string[] = [];
  const validator = specsMissing() ? undefined : openApiValidator();
  const emulator = await startEmulator({
    ...options,
    onApiResponse: (exchange) => {
      exchanges.push(exchange);
      try {
        violations.push(...(validator?.validate(exchange) ?? []));
      } catch (error) {
        violations.push(`${exchange.method} ${exchange.path}: validator failed: ${String(error)}`);
      }
      options.onApiResponse?.(exchange);
    },
  });
  const client = createTwilioClient({
    accountSid: emulator.accountSid,
    authToken: emulator.authToken,
    baseUrl: emulator.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  const auth = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString("base64")}`;

  return {
    emulator,
    client,
    exchanges,
    violations,
    async hook<T>(method: string, name: string, body?: unknown): Promise<T> {
      const response = await fetch(`${emulator.url}/_emulator/${name}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} /_emulator/${name}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
    async api(method, path, form) {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(form ?? {})) {
        for (const item of Array.isArray(value) ? value : [value]) search.append(name, item);
      }
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
        body: method === "GET" || method === "DELETE" ? undefined : search.toString(),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    close: () => emulator.close(),
  };
}
