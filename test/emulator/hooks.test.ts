import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { RequestLogEntry, StateSnapshot } from "../../emulator";
import { createTwilioClient } from "../../src/twilio/client";
import type { TestEmulator } from "./support/test-emulator";
import { startTestEmulator } from "./support/test-emulator";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(() => t.hook("POST", "reset"));
afterEach(() => {
  expect(t.violations.splice(0)).toEqual([]);
});

const requests = (since = 0) =>
  t.hook<{ requests: RequestLogEntry[]; nextIndex: number }>("GET", `requests?since=${since}`);

const numbersPath = () => `/2010-04-01/Accounts/${t.emulator.accountSid}/IncomingPhoneNumbers.json`;

describe("the request log", () => {
  it("records every Twilio API call with method, path, query, status and time, not the hooks", async () => {
    const { nextIndex } = await requests();
    await t.client.incomingPhoneNumbers.list({ friendlyName: "brightsmile-dental" });
    await t.hook("GET", "messages");
    await t.client.messaging.v1.tollfreeVerifications("HH0").fetch().catch(() => undefined);
    const log = await requests(nextIndex);
    expect(log.requests).toMatchObject([
      { index: nextIndex, method: "GET", path: numbersPath(), status: 200,
        query: { FriendlyName: "brightsmile-dental" } },
      { index: nextIndex + 1, method: "GET", path: "/v1/Tollfree/Verifications/HH0", status: 404 },
    ]);
    expect(Date.parse(log.requests[0].time)).toBeGreaterThan(Date.now() - 60_000);
    expect(log.nextIndex).toBe(nextIndex + 2);
  });

  it("refuses a since that is not a whole number", async () => {
    await expect(t.hook("GET", "requests?since=last")).rejects.toThrow(/400 .*since must be/);
  });

  it("is emptied by DELETE, while indexes keep counting", async () => {
    await t.client.incomingPhoneNumbers.list();
    const before = await requests();
    await t.hook("DELETE", "requests");
    expect((await requests()).requests).toEqual([]);
    await t.client.incomingPhoneNumbers.list();
    expect((await requests()).requests.map((r) => r.index)).toEqual([before.nextIndex]);
  });
});

describe("fault injection", () => {
  it("answers 429 with Twilio's 20429 body, which the client retries", async () => {
    await t.hook("POST", "faults", { rules: [{ path: "/2010-04-01/", probability: 1, status: 429, times: 2 }] });
    const { nextIndex } = await requests();
    expect(await t.client.incomingPhoneNumbers.list()).toEqual([]);
    const log = await requests(nextIndex);
    expect(log.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(log.requests[0].fault).toEqual({ status: 429 });
    expect(t.exchanges.find((x) => x.status === 429)?.body).toMatchObject({ code: 20429 });
  });

  it.each([500, 503])("answers %i with a Twilio error body", async (status) => {
    await t.hook("POST", "faults", { rules: [{ probability: 1, status }] });
    const answer = await t.api("GET", numbersPath());
    expect(answer).toMatchObject({ status, body: { status, code: 20000 + status } });
  });

  it("matches rules by path regex and method", async () => {
    await t.hook("POST", "faults", {
      rules: [{ path: "IncomingPhoneNumbers\\.json$", method: "POST", probability: 1, status: 503 }],
    });
    expect((await t.api("GET", numbersPath())).status).toBe(200);
    expect((await t.api("POST", numbersPath(), { AreaCode: "833" })).status).toBe(503);
  });

  it("adds latency", async () => {
    await t.hook("POST", "faults", { rules: [{ probability: 1, latencyMs: 150 }] });
    const started = Date.now();
    await t.api("GET", numbersPath());
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("drops the connection before processing: nothing happens", async () => {
    await t.hook("POST", "faults", { rules: [{ method: "POST", probability: 1, drop: "before" }] });
    await expect(t.api("POST", numbersPath(), { AreaCode: "833" })).rejects.toThrow();
    await t.hook("DELETE", "faults");
    expect(await t.client.incomingPhoneNumbers.list()).toEqual([]);
    expect((await requests()).requests[0]).toMatchObject({ status: 0, fault: { drop: "before" } });
  });

  it("drops the answer after processing: the purchase happened, its answer was lost", async () => {
    const [candidate] = await t.client.availablePhoneNumbers("US").tollFree.list({ limit: 1 });
    await t.hook("POST", "faults", { rules: [{ method: "POST", probability: 1, drop: "after", times: 1 }] });
    const { nextIndex } = await requests();
    // The client retries the lost answer; the retry finds the number already bought.
    await expect(
      t.client.incomingPhoneNumbers.create({ phoneNumber: candidate.phoneNumber, friendlyName: "quickfix" }),
    ).rejects.toMatchObject({ status: 400, code: 21422 });
    const owned = await t.client.incomingPhoneNumbers.list({ friendlyName: "quickfix" });
    expect(owned.map((n) => n.phoneNumber)).toEqual([candidate.phoneNumber]);
    const log = await requests(nextIndex);
    expect(log.requests.slice(0, 2).map((r) => [r.method, r.status, r.fault?.drop])).toEqual([
      ["POST", 201, "after"], ["POST", 400, undefined],
    ]);
  });

  it("hits with the given probability, reproducibly from a seed", async () => {
    const rules = { rules: [{ probability: 0.5, status: 500 }], seed: 42 };
    const run = async () => {
      await t.hook("POST", "faults", rules);
      const statuses = [];
      for (let i = 0; i < 40; i++) statuses.push((await t.api("GET", numbersPath())).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it("refuses a malformed rule", async () => {
    await expect(t.hook("POST", "faults", { rules: [{ probability: 2 }] })).rejects.toThrow(
      /400 .*faults\.rules\[0\]\.probability/,
    );
  });
});

describe("seeding", () => {
  it("replaces the inventory with a list, or with a generated one of a given size", async () => {
    await t.hook("POST", "seed", { inventory: ["+18335550100", "+18445550101"] });
    const listed = await t.client.availablePhoneNumbers("US").tollFree.list();
    expect(listed.map((n) => n.phoneNumber)).toEqual(["+18335550100", "+18445550101"]);
    const result = await t.hook<{ inventory: number }>("POST", "seed", { inventory: { count: 2000 } });
    expect(result.inventory).toBeGreaterThanOrEqual(2000);
  });

  it("adds owned numbers and answers their SIDs", async () => {
    const result = await t.hook<{ owned: Array<{ sid: string; phoneNumber: string }> }>("POST", "seed", {
      owned: [{ phoneNumber: "+18885550142", friendlyName: "northside-bakery", smsUrl: "https://h.example.test/sms" }],
    });
    const fetched = await t.client.incomingPhoneNumbers(result.owned[0].sid).fetch();
    expect(fetched).toMatchObject({ phoneNumber: "+18885550142", friendlyName: "northside-bakery", smsUrl: "https://h.example.test/sms" });
  });

  it("puts a number in a Messaging Service that the services API then shows", async () => {
    const service = "MG0123456789abcdef0123456789abcdef";
    await t.hook("POST", "seed", {
      services: [{ sid: service, friendlyName: "Legacy", inboundRequestUrl: "https://legacy.example.test/in" }],
      owned: [{ phoneNumber: "+18885550142", messagingServiceSid: service }],
    });
    const services = await t.client.messaging.v1.services.list();
    expect(services).toMatchObject([
      { sid: service, inboundRequestUrl: "https://legacy.example.test/in", useInboundWebhookOnNumber: false },
    ]);
    const pool = await t.client.messaging.v1.services(service).phoneNumbers.list();
    expect(pool.map((n) => n.phoneNumber)).toEqual(["+18885550142"]);
    expect((await t.client.messaging.v1.services(service).fetch()).friendlyName).toBe("Legacy");
  });

  it.each([
    [{ owned: [{ phoneNumber: "833-555-0100" }] }, /owned\[0\]\.phoneNumber/],
    [{ owned: [{ phoneNumber: "+18335550100", smsApplicationSid: "AP1" }] }, /smsApplicationSid/],
    [{ inventory: { count: -1 } }, /inventory/],
    [{ numbers: [] }, /seed/],
  ])("refuses a malformed seed %j naming the field", async (seed, field) => {
    await expect(t.hook("POST", "seed", seed)).rejects.toThrow(field);
  });
});

describe("reset and state", () => {
  it("resets to the start-up state", async () => {
    await t.hook("POST", "seed", { owned: [{ phoneNumber: "+18885550142" }] });
    await t.hook("POST", "reset");
    expect(await t.client.incomingPhoneNumbers.list()).toEqual([]);
    expect((await t.client.availablePhoneNumbers("US").tollFree.list({ limit: 1 })).length).toBe(1);
  });

  it("snapshots the state and restores it after changes", async () => {
    await t.hook("POST", "seed", { owned: [{ phoneNumber: "+18885550142" }] });
    const snapshot = await t.hook<StateSnapshot>("GET", "state");
    await t.hook("POST", "reset");
    await t.hook("PUT", "state", snapshot);
    const listed = await t.client.incomingPhoneNumbers.list();
    expect(listed.map((n) => n.phoneNumber)).toEqual(["+18885550142"]);
    expect(await t.hook("GET", "state")).toEqual(snapshot);
  });

  it("refuses a state that is not a snapshot", async () => {
    await expect(t.hook("PUT", "state", { version: 2 })).rejects.toThrow(/400 .*state\.version/);
  });

  it("lists its hooks", async () => {
    const index = await t.hook<{ hooks: string[] }>("GET", "");
    expect(index.hooks).toContain("POST /_emulator/verifications/{sid}/review");
  });

  it("answers an unknown hook with 404", async () => {
    await expect(t.hook("GET", "nothing")).rejects.toThrow(/404/);
  });
});

describe("in-process start", () => {
  it("starts on any free port quickly and stops cleanly", async () => {
    const started = Date.now();
    const other = await startTestEmulator();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(other.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = createTwilioClient({
      accountSid: other.emulator.accountSid, authToken: other.emulator.authToken,
      baseUrl: other.emulator.url,
    });
    expect(await client.incomingPhoneNumbers.list()).toEqual([]);
    await other.close();
    await expect(fetch(`${other.emulator.url}/_emulator/`)).rejects.toThrow();
  });
});
