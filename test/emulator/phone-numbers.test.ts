import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

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

const SMS_URL = "https://hooks.example.test:8443/sms/riverbend-food-bank?stack=dev";

describe("toll-free number search", () => {
  it.each(["800", "833", "844", "855", "866", "877", "888"])(
    "finds US and Canadian stock in area code %s",
    async (areaCode) => {
      for (const country of ["US", "CA"]) {
        const found = await t.client.availablePhoneNumbers(country).tollFree.list({
          areaCode: Number(areaCode), limit: 5,
        });
        expect(found.length).toBeGreaterThan(0);
        for (const number of found) {
          expect(number.phoneNumber).toMatch(new RegExp(`^\\+1${areaCode}\\d{7}$`));
          expect(number.isoCountry).toBe(country);
        }
      }
    },
  );

  it.each([
    ["FOOD", /3663/],
    ["food", /3663/],
    ["+833", /^833/],
    ["3663$", /3663$/],
    ["*3*6*3", /3\d6\d3/],
    ["8%3663", /8\d*3663/],
  ])("matches Contains=%s the way Twilio's keypad patterns do", async (contains, expected) => {
    const found = await t.client.availablePhoneNumbers("US").tollFree.list({ contains });
    expect(found.length).toBeGreaterThan(0);
    for (const number of found) expect(number.phoneNumber.slice(2)).toMatch(expected);
  });

  it("finds a FOOD number for the food bank's intake request in every toll-free area code", async () => {
    const found = await t.client.availablePhoneNumbers("US").tollFree.list({
      contains: "FOOD", limit: 100,
    });
    const areaCodes = new Set(found.map((number) => number.phoneNumber.slice(2, 5)));
    expect([...areaCodes].sort()).toEqual(["800", "833", "844", "855", "866", "877", "888"]);
  });

  it.each([["F"], ["FOOD#"], ["*%F"], ["1234567890123456789"]])(
    "refuses the malformed pattern Contains=%s with a Twilio error",
    async (contains) => {
      const answer = await t.api(
        "GET",
        `/2010-04-01/Accounts/${t.emulator.accountSid}/AvailablePhoneNumbers/US/TollFree.json?` +
          new URLSearchParams({ Contains: contains }).toString(),
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 400, message: expect.stringContaining("Contains") });
    },
  );

  it("offers local numbers only under Local, never under TollFree", async () => {
    const local = await t.client.availablePhoneNumbers("US").local.list({ areaCode: 415 });
    const tollFree = await t.client.availablePhoneNumbers("US").tollFree.list({ areaCode: 415 });
    expect(local.length).toBeGreaterThan(0);
    expect(tollFree).toEqual([]);
  });

  it("answers an empty list for an area code without stock", async () => {
    await t.hook("POST", "seed", { inventory: ["+18335550100"] });
    const found = await t.client.availablePhoneNumbers("US").tollFree.list({ areaCode: 800 });
    expect(found).toEqual([]);
  });
});

describe("buying a toll-free number", () => {
  it("buys a number with its SmsUrl and FriendlyName and takes it off the market", async () => {
    const [candidate] = await t.client.availablePhoneNumbers("US").tollFree.list({
      contains: "FOOD", limit: 1,
    });
    const bought = await t.client.incomingPhoneNumbers.create({
      phoneNumber: candidate.phoneNumber,
      friendlyName: "riverbend-food-bank",
      smsUrl: SMS_URL,
      smsMethod: "POST",
      smsFallbackUrl: "https://fallback.example.test/sms",
    });

    expect(bought).toMatchObject({
      phoneNumber: candidate.phoneNumber, friendlyName: "riverbend-food-bank", smsUrl: SMS_URL,
      smsMethod: "POST", smsFallbackUrl: "https://fallback.example.test/sms", type: "tollfree",
      smsApplicationSid: null, accountSid: t.emulator.accountSid, status: "in-use",
    });
    expect(bought.sid).toMatch(/^PN[0-9a-f]{32}$/);
    const again = await t.client.availablePhoneNumbers("US").tollFree.list({ contains: "FOOD" });
    expect(again.map((number) => number.phoneNumber)).not.toContain(candidate.phoneNumber);
  });

  it("answers 201 with RFC 2822 dates on the 2010 API", async () => {
    const [candidate] = await t.client.availablePhoneNumbers("CA").tollFree.list({ limit: 1 });
    const answer = await t.api(
      "POST", `/2010-04-01/Accounts/${t.emulator.accountSid}/IncomingPhoneNumbers.json`,
      { PhoneNumber: candidate.phoneNumber },
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      date_created: expect.stringMatching(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
      friendly_name: expect.stringMatching(/^\(\d{3}\) \d{3}-\d{4}$/),
    });
  });

  it("buys through the TollFree sub-resource, whose resource has no type field", async () => {
    const [candidate] = await t.client.availablePhoneNumbers("US").tollFree.list({ limit: 1 });
    const answer = await t.api(
      "POST", `/2010-04-01/Accounts/${t.emulator.accountSid}/IncomingPhoneNumbers/TollFree.json`,
      { PhoneNumber: candidate.phoneNumber, FriendlyName: "brightsmile-dental" },
    );
    expect(answer.status).toBe(201);
    expect(answer.body).not.toHaveProperty("type");
    expect(answer.body).toMatchObject({ friendly_name: "brightsmile-dental" });
  });

  it("buys the first number in an area code when only AreaCode is given", async () => {
    const bought = await t.client.incomingPhoneNumbers.create({ areaCode: "855" });
    expect(bought.phoneNumber).toMatch(/^\+1855/);
  });

  it.each([
    ["a number that is not for sale", { PhoneNumber: "+18005550199" }, 400, 21422],
    ["an invalid number", { PhoneNumber: "+1800555" }, 400, 21421],
    ["neither PhoneNumber nor AreaCode", {}, 400, 21421],
    ["an area code without stock", { AreaCode: "533" }, 400, 21452],
    ["a malformed area code", { AreaCode: "8x" }, 400, 21451],
  ])("refuses %s", async (_case, form, status, code) => {
    await t.hook("POST", "seed", { inventory: ["+18335550100"] });
    const answer = await t.api(
      "POST", `/2010-04-01/Accounts/${t.emulator.accountSid}/IncomingPhoneNumbers.json`, form,
    );
    expect(answer).toMatchObject({ status, body: { code, status } });
  });

  it("refuses to buy a number the account already owns with 21422", async () => {
    await t.hook("POST", "seed", { owned: [{ phoneNumber: "+18885550142" }] });
    await expect(
      t.client.incomingPhoneNumbers.create({ phoneNumber: "+18885550142" }),
    ).rejects.toMatchObject({ status: 400, code: 21422 });
  });

  it("refuses AreaCode on the TollFree sub-resource with 21457", async () => {
    const answer = await t.api(
      "POST", `/2010-04-01/Accounts/${t.emulator.accountSid}/IncomingPhoneNumbers/TollFree.json`,
      { AreaCode: "833" },
    );
    expect(answer).toMatchObject({ status: 400, body: { code: 21457 } });
  });

  it("refuses a local number on the TollFree sub-resource", async () => {
    const [local] = await t.client.availablePhoneNumbers("US").local.list({ limit: 1 });
    await expect(
      t.client.incomingPhoneNumbers.tollFree.create({ phoneNumber: local.phoneNumber }),
    ).rejects.toMatchObject({ status: 400, code: 21422 });
  });

  it("refuses a FriendlyName longer than 64 characters", async () => {
    const [candidate] = await t.client.availablePhoneNumbers("US").tollFree.list({ limit: 1 });
    await expect(
      t.client.incomingPhoneNumbers.create({
        phoneNumber: candidate.phoneNumber, friendlyName: "x".repeat(65),
      }),
    ).rejects.toMatchObject({ status: 400, code: 20002 });
  });

  it.each([
    ["SmsUrl", { smsUrl: "not a url" }],
    ["SmsMethod", { smsMethod: "PUT" }],
    ["SmsApplicationSid", { smsApplicationSid: "AP123" }],
  ])("refuses a bad %s and buys nothing", async (_param, settings) => {
    const [candidate] = await t.client.availablePhoneNumbers("US").tollFree.list({ limit: 1 });
    await expect(
      t.client.incomingPhoneNumbers.create({ phoneNumber: candidate.phoneNumber, ...settings }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await t.client.incomingPhoneNumbers.list()).toEqual([]);
  });
});

describe("owned numbers", () => {
  const OWNED = ["+18885550142", "+18335550100", "+18445550101", "+18555550102", "+12125550103"];

  beforeEach(() =>
    t.hook("POST", "seed", {
      owned: OWNED.map((phoneNumber, i) => ({ phoneNumber, friendlyName: `integration-${i}` })),
    }),
  );

  it("lists every owned number across pages, oldest first", async () => {
    const listed = await t.client.incomingPhoneNumbers.list({ pageSize: 2 });
    expect(listed.map((number) => number.phoneNumber)).toEqual(OWNED);
    const pages = t.exchanges.filter((x) => x.path.endsWith("/IncomingPhoneNumbers.json"));
    expect(pages.slice(-3).map((x) => (x.body as { page: number }).page)).toEqual([0, 1, 2]);
  });

  it("writes a relative next_page_uri on the 2010 API", async () => {
    const answer = await t.api(
      "GET", `/2010-04-01/Accounts/${t.emulator.accountSid}/IncomingPhoneNumbers.json?PageSize=2`,
    );
    expect(answer.body).toMatchObject({
      page: 0, page_size: 2, start: 0, end: 1,
      next_page_uri: expect.stringMatching(
        /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/IncomingPhoneNumbers\.json\?PageSize=2&Page=1&PageToken=PA/,
      ),
      previous_page_uri: null,
    });
  });

  it.each([
    ["an exact E.164 number", "+18335550100", ["+18335550100"]],
    ["a partial number", "555010", ["+18335550100", "+18445550101", "+18555550102", "+12125550103"]],
    ["a wildcard per digit", "+1**85550142", ["+18885550142"]],
  ])("filters by PhoneNumber given %s", async (_case, phoneNumber, expected) => {
    const listed = await t.client.incomingPhoneNumbers.list({ phoneNumber });
    expect(listed.map((number) => number.phoneNumber)).toEqual(expected);
  });

  it("filters by FriendlyName exactly", async () => {
    const listed = await t.client.incomingPhoneNumbers.list({ friendlyName: "integration-3" });
    expect(listed.map((number) => number.phoneNumber)).toEqual(["+18555550102"]);
  });

  it("lists only toll-free numbers under the TollFree sub-resource", async () => {
    const listed = await t.client.incomingPhoneNumbers.tollFree.list();
    expect(listed.map((number) => number.phoneNumber)).toEqual(OWNED.slice(0, 4));
  });

  it("reports a local number's type as local", async () => {
    const [local] = await t.client.incomingPhoneNumbers.list({ phoneNumber: "+12125550103" });
    expect(local.type).toBe("local");
  });

  it("updates SmsUrl with 200 and clears it again with an empty string", async () => {
    const [number] = await t.client.incomingPhoneNumbers.list({ phoneNumber: "+18335550100" });
    const updated = await t.client.incomingPhoneNumbers(number.sid).update({ smsUrl: SMS_URL });
    expect(updated.smsUrl).toBe(SMS_URL);
    expect(t.exchanges[t.exchanges.length - 1].status).toBe(200);
    const cleared = await t.client.incomingPhoneNumbers(number.sid).update({ smsUrl: "" });
    expect(cleared.smsUrl).toBe("");
  });

  it("sets and clears SmsApplicationSid with a plain update", async () => {
    const [number] = await t.client.incomingPhoneNumbers.list({ phoneNumber: "+18335550100" });
    const app = "AP0123456789abcdef0123456789abcdef";
    expect((await t.client.incomingPhoneNumbers(number.sid).update({ smsApplicationSid: app }))
      .smsApplicationSid).toBe(app);
    expect((await t.client.incomingPhoneNumbers(number.sid).update({ smsApplicationSid: "" }))
      .smsApplicationSid).toBeNull();
  });

  it("releases a number with 204, after which it is gone", async () => {
    const [number] = await t.client.incomingPhoneNumbers.list({ phoneNumber: "+18885550142" });
    expect(await t.client.incomingPhoneNumbers(number.sid).remove()).toBe(true);
    expect(t.exchanges[t.exchanges.length - 1].status).toBe(204);
    await expect(t.client.incomingPhoneNumbers(number.sid).fetch()).rejects.toMatchObject({
      status: 404, code: 20404,
    });
  });
});
