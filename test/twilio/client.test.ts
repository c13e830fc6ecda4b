import http from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";

import RequestClient from "twilio/lib/base/RequestClient";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import type { RequestLogEntry, RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { rewriteTwilioUrl } from "../../src/twilio/base-url";
import { createTwilioClient } from "../../src/twilio/client";
import { TwilioNetworkError } from "../../src/twilio/request-client";

const ACCOUNT = `AC${"1".repeat(32)}`;
const TOKEN = "s3cr3t-auth-token-value";
const API_KEY = { sid: `SK${"2".repeat(32)}`, secret: "s3cr3t-api-secret" };

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ accountSid: ACCOUNT, authToken: TOKEN, apiKeys: [API_KEY] });
});
afterAll(() => emulator.close());
afterEach(async () => {
  vi.unstubAllEnvs();
  await hook("DELETE", "faults");
});

async function hook(method: string, name: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator.url}/_emulator/${name}`, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { "content-type": "application/json" },
  });
  return response.json();
}

const requestsSince = async (index: number) =>
  ((await hook("GET", `requests?since=${index}`)) as { requests: RequestLogEntry[] }).requests;
const nextIndex = async () => ((await hook("GET", "requests")) as { nextIndex: number }).nextIndex;

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };

describe("credentials", () => {
  it("reads TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_API_BASE_URL when it is called", async () => {
    vi.stubEnv("TWILIO_ACCOUNT_SID", ACCOUNT);
    vi.stubEnv("TWILIO_AUTH_TOKEN", TOKEN);
    vi.stubEnv("TWILIO_API_BASE_URL", emulator.url);
    expect(await createTwilioClient(fast).incomingPhoneNumbers.list()).toEqual([]);
  });

  it("uses TWILIO_API_KEY and TWILIO_API_SECRET with the account SID", async () => {
    const env = {
      TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY: API_KEY.sid, TWILIO_API_SECRET: API_KEY.secret,
      TWILIO_API_BASE_URL: emulator.url,
    };
    expect(await createTwilioClient({ env }).messaging.v1.tollfreeVerifications.list()).toEqual([]);
  });

  it.each([
    [{}, /Twilio credentials missing: set TWILIO_ACCOUNT_SID \(AC…\) and either TWILIO_AUTH_TOKEN or TWILIO_API_KEY/],
    [{ TWILIO_ACCOUNT_SID: ACCOUNT }, /TWILIO_ACCOUNT_SID is set; set .*TWILIO_AUTH_TOKEN/],
    [{ TWILIO_ACCOUNT_SID: API_KEY.sid, TWILIO_AUTH_TOKEN: TOKEN }, /it starts with SK, an API key SID: put that in TWILIO_API_KEY/],
    [{ TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: TOKEN }, /TWILIO_ACCOUNT_SID must be an account SID/],
    [{ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY: API_KEY.sid }, /TWILIO_API_KEY is set without TWILIO_API_SECRET/],
    [{ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_SECRET: API_KEY.secret }, /TWILIO_API_SECRET is set without TWILIO_API_KEY/],
    [{ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY: "key", TWILIO_API_SECRET: API_KEY.secret }, /TWILIO_API_KEY must be an API key SID/],
    [{ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_BASE_URL: "localhost:4010" }, /TWILIO_API_BASE_URL must be an http or https URL/],
    [{ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_MAX_CONCURRENCY: "0" }, /TWILIO_MAX_CONCURRENCY must be a whole number of at least 1/],
  ])("refuses %j with a message that names what to set", (env, message) => {
    let thrown: unknown;
    try {
      createTwilioClient({ env });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(TOKEN);
    expect((thrown as Error).message).not.toContain(API_KEY.secret);
  });
});

describe("where requests go", () => {
  it.each([
    ["https://api.twilio.com/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PageSize=2",
      "http://127.0.0.1:4010", "http://127.0.0.1:4010/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PageSize=2"],
    ["https://messaging.twilio.com/v1/Tollfree/Verifications?Page=1&PageToken=PAx",
      "http://127.0.0.1:4010", "http://127.0.0.1:4010/v1/Tollfree/Verifications?Page=1&PageToken=PAx"],
    ["https://api.us1.twilio.com/2010-04-01/Accounts.json", "http://localhost:1/",
      "http://localhost:1/2010-04-01/Accounts.json"],
    ["https://messaging.twilio.com/v1/Services", "https://emulator.example.test/twilio/",
      "https://emulator.example.test/twilio/v1/Services"],
    ["https://hooks.example.test/sms", "http://127.0.0.1:4010", "https://hooks.example.test/sms"],
  ])("rewrites %s against %s", (uri, base, expected) => {
    expect(rewriteTwilioUrl(uri, base)).toBe(expected);
  });

  it("goes to real Twilio when no base URL is configured", async () => {
    const spy = vi.spyOn(RequestClient.prototype, "request").mockResolvedValue({
      statusCode: 200, headers: {},
      body: { incoming_phone_numbers: [], next_page_uri: null, page: 0, page_size: 50 },
    });
    const env = { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_AUTH_TOKEN: TOKEN };
    const client = createTwilioClient({ env });
    await client.incomingPhoneNumbers.list();
    expect(spy.mock.calls[0][0].uri).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers.json`,
    );
    spy.mockRestore();
  });

  it("follows an absolute next_page_url that names messaging.twilio.com to the base URL", async () => {
    const pages: string[] = [];
    const server = http.createServer((req, res) => {
      pages.push(req.url ?? "");
      const page = req.url?.includes("PageToken") ? 1 : 0;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({
        verifications: [{ sid: `HH${String(page).repeat(32)}`, status: "PENDING_REVIEW" }],
        meta: {
          key: "verifications", page, page_size: 1,
          next_page_url: page ? null
            : "https://messaging.twilio.com/v1/Tollfree/Verifications?PageSize=1&Page=1&PageToken=PAnext",
        },
      }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createTwilioClient({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl });
    const listed = await client.messaging.v1.tollfreeVerifications.list({ pageSize: 1 });
    server.close();
    expect(listed.map((v) => v.sid)).toEqual([`HH${"0".repeat(32)}`, `HH${"1".repeat(32)}`]);
    expect(pages).toEqual([
      "/v1/Tollfree/Verifications?PageSize=1",
      "/v1/Tollfree/Verifications?PageSize=1&Page=1&PageToken=PAnext",
    ]);
  });
});

describe("retries through the SDK", () => {
  const client = () =>
    createTwilioClient({ accountSid: ACCOUNT, authToken: TOKEN, baseUrl: emulator.url, ...fast });

  it("retries a POST that met 500 and 503 until it succeeds", async () => {
    await hook("POST", "faults", {
      rules: [500, 503].map((status) => ({ method: "POST", probability: 1, status, times: 1 })),
    });
    const since = await nextIndex();
    const bought = await client().incomingPhoneNumbers.create({ areaCode: "844" });
    expect(bought.phoneNumber).toMatch(/^\+1844/);
    expect((await requestsSince(since)).map((r) => r.status)).toEqual([500, 503, 201]);
  });

  it("retries a request that timed out", async () => {
    await hook("POST", "faults", { rules: [{ probability: 1, latencyMs: 400, times: 1 }] });
    const since = await nextIndex();
    const quick = createTwilioClient({
      accountSid: ACCOUNT, authToken: TOKEN, baseUrl: emulator.url, timeoutMs: 100, ...fast,
    });
    expect(await quick.messaging.v1.tollfreeVerifications.list()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await requestsSince(since)).length).toBe(2);
  });

  it("retries dropped connections, then fails with a clean error that carries no secret", async () => {
    await hook("POST", "faults", { rules: [{ probability: 1, drop: "before" }] });
    const since = await nextIndex();
    const failing = createTwilioClient({
      accountSid: ACCOUNT, authToken: TOKEN, baseUrl: emulator.url,
      retry: { maxAttempts: 3, baseDelayMs: 1 },
    });
    const error = await failing.incomingPhoneNumbers.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TwilioNetworkError);
    expect((error as Error).message).toMatch(
      /^Twilio request GET http:\/\/127\.0\.0\.1:\d+\/2010-04-01\/Accounts\/AC1+\/IncomingPhoneNumbers\.json failed after up to 3 attempts: /,
    );
    const everything = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(Buffer.from(`${ACCOUNT}:${TOKEN}`).toString("base64"));
    expect((await requestsSince(since)).length).toBe(3);
  });

  it("returns Twilio's error after the last 429", async () => {
    await hook("POST", "faults", { rules: [{ probability: 1, status: 429 }] });
    const limited = createTwilioClient({
      accountSid: ACCOUNT, authToken: TOKEN, baseUrl: emulator.url,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    await expect(limited.incomingPhoneNumbers.list()).rejects.toMatchObject({
      status: 429, code: 20429,
    });
  });
});
