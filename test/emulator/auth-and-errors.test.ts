import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createTwilioClient } from "../../src/twilio/client";
import type { TestEmulator } from "./support/test-emulator";
import { startTestEmulator } from "./support/test-emulator";

const API_KEY = { sid: "SK0123456789abcdef0123456789abcdef", secret: "key-secret-for-tests" };

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ apiKeys: [API_KEY] });
});
afterAll(() => t.close());
afterEach(() => {
  expect(t.violations.splice(0)).toEqual([]);
});

const clientWith = (username: string, password: string, accountSid = t.emulator.accountSid) =>
  createTwilioClient({
    accountSid, baseUrl: t.emulator.url, retry: { baseDelayMs: 1 },
    ...(username.startsWith("SK") ? { apiKey: username, apiSecret: password } : { authToken: password }),
  });

describe("authentication", () => {
  it("answers 401 with 20003 to a wrong auth token", async () => {
    const client = clientWith(t.emulator.accountSid, "not-the-token");
    await expect(client.incomingPhoneNumbers.list()).rejects.toMatchObject({
      status: 401, code: 20003, moreInfo: "https://www.twilio.com/docs/errors/20003",
    });
  });

  it("answers 401 with a Basic challenge to a request without credentials", async () => {
    const response = await fetch(`${t.emulator.url}/v1/Tollfree/Verifications`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
  });

  it("accepts an API key SID and its secret", async () => {
    const client = clientWith(API_KEY.sid, API_KEY.secret);
    expect(await client.messaging.v1.tollfreeVerifications.list()).toEqual([]);
  });

  it("refuses an API key with the wrong secret", async () => {
    const client = clientWith(API_KEY.sid, "wrong");
    await expect(client.messaging.v1.tollfreeVerifications.list()).rejects.toMatchObject({
      status: 401, code: 20003,
    });
  });

  it("accepts API keys seeded at run time", async () => {
    const key = { sid: "SKfedcba9876543210fedcba9876543210", secret: "seeded" };
    await t.hook("POST", "seed", { apiKeys: [key] });
    const client = clientWith(key.sid, key.secret);
    expect(await client.incomingPhoneNumbers.list()).toEqual([]);
  });

  it("answers 20404 when the path names another account (an SK in the AccountSid slot)", async () => {
    const answer = await t.api(
      "GET", `/2010-04-01/Accounts/${API_KEY.sid}/AvailablePhoneNumbers/US/TollFree.json`,
    );
    expect(answer).toMatchObject({ status: 404, body: { code: 20404, status: 404 } });
  });
});

describe("errors", () => {
  it("answers an unknown path with 20404 and the Twilio error body", async () => {
    const answer = await t.api("GET", "/v1/Nothing/Here");
    expect(answer).toEqual({
      status: 404,
      body: {
        code: 20404, message: "The requested resource /v1/Nothing/Here was not found",
        more_info: "https://www.twilio.com/docs/errors/20404", status: 404,
      },
    });
  });

  it("answers a bad SID through the SDK with a RestException carrying the body", async () => {
    await expect(
      t.client.messaging.v1.tollfreeVerifications("HHdoesnotexist").fetch(),
    ).rejects.toMatchObject({ status: 404, code: 20404, message: expect.stringContaining("HHdoesnotexist") });
  });

  it("answers a method a path does not support with 405 and 20004", async () => {
    const answer = await t.api("DELETE", "/v1/Tollfree/Verifications");
    expect(answer).toMatchObject({ status: 405, body: { code: 20004 } });
  });

  it("is not reached when twilio-node refuses a create that misses a required parameter", async () => {
    const before = t.exchanges.length;
    expect(() =>
      t.client.messaging.v1.tollfreeVerifications.create({ businessName: "X" } as never),
    ).toThrow(/Required parameter/);
    expect(t.exchanges.length).toBe(before);
  });

  it("refuses a PageSize over 1000", async () => {
    const answer = await t.api("GET", "/v1/Tollfree/Verifications?PageSize=1001");
    expect(answer).toMatchObject({ status: 400, body: { message: expect.stringContaining("PageSize") } });
  });

  it("refuses a PageToken it did not issue", async () => {
    const answer = await t.api("GET", "/v1/Tollfree/Verifications?PageToken=forged");
    expect(answer).toMatchObject({ status: 400, body: { message: expect.stringContaining("PageToken") } });
  });
});
