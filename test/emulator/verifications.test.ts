import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { EMULATOR_ERROR_CODES } from "../../emulator";
import { verificationParams } from "./support/fixtures";
import type { TestEmulator } from "./support/test-emulator";
import { startTestEmulator } from "./support/test-emulator";

let t: TestEmulator;
let numberSid: string;

const NUMBER = "+18335550100";

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.hook("POST", "reset");
  const seeded = await t.hook<{ owned: Array<{ sid: string }> }>("POST", "seed", {
    owned: [{ phoneNumber: NUMBER, friendlyName: "brightsmile-dental" }],
  });
  numberSid = seeded.owned[0].sid;
});
afterEach(() => {
  expect(t.violations.splice(0)).toEqual([]);
});

const submit = (overrides: Record<string, unknown> = {}) =>
  t.client.messaging.v1.tollfreeVerifications.create(
    verificationParams("brightsmile-dental", numberSid, overrides),
  );

const review = (sid: string, decision: Record<string, unknown>) =>
  t.hook<Record<string, unknown>>("POST", `verifications/${sid}/review`, decision);

describe("submitting a verification", () => {
  it("creates it with 201 in PENDING_REVIEW, every field echoed back", async () => {
    const created = await submit();
    expect(t.exchanges[t.exchanges.length - 1].status).toBe(201);
    expect(created).toMatchObject({
      status: "PENDING_REVIEW",
      tollfreePhoneNumberSid: numberSid,
      tollfreePhoneNumber: NUMBER,
      businessName: "BrightSmile Family Dentistry LLC",
      businessType: "PRIVATE_PROFIT",
      businessRegistrationAuthority: "EIN",
      useCaseCategories: ["ACCOUNT_NOTIFICATIONS", "CUSTOMER_CARE"],
      optInImageUrls: [
        "https://www.brightsmile-dental.example/patients/text-reminders",
        "https://www.brightsmile-dental.example/images/sms-consent-checkbox.png",
      ],
      ageGatedContent: false,
      rejectionReasons: null, rejectionReason: null, errorCode: null,
      editAllowed: null, editExpiration: null, resourceLinks: {},
      url: `https://messaging.twilio.com/v1/Tollfree/Verifications/${created.sid}`,
    });
    expect(created.sid).toMatch(/^HH[0-9a-f]{32}$/);
  });

  it("writes ISO 8601 dates on messaging v1", async () => {
    const created = await submit();
    const answer = await t.api("GET", `/v1/Tollfree/Verifications/${created.sid}`);
    expect(answer.body).toMatchObject({
      date_created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
  });

  it("refuses a second verification for the same toll-free number", async () => {
    const first = await submit();
    await expect(submit()).rejects.toMatchObject({
      status: 409, code: EMULATOR_ERROR_CODES.duplicateVerification,
      message: expect.stringContaining(first.sid),
    });
  });

  it.each([
    ["a number the account does not own", { tollfreePhoneNumberSid: `PN${"0".repeat(32)}` }, 422],
    ["a malformed number SID", { tollfreePhoneNumberSid: "PN123" }, 400],
    ["an unknown opt-in type", { optInType: "EMAIL" }, 400],
    ["an unknown use case category", { useCaseCategories: ["CUSTOMER_CARE", "DENTAL"] }, 400],
    ["an unknown business type", { businessType: "LLC" }, 400],
    ["a country that is not ISO alpha-2", { businessCountry: "USA" }, 400],
  ])("refuses %s", async (_case, overrides, status) => {
    await expect(submit(overrides)).rejects.toMatchObject({ status });
    expect(await t.client.messaging.v1.tollfreeVerifications.list()).toEqual([]);
  });

  it("refuses a local number", async () => {
    const seeded = await t.hook<{ owned: Array<{ sid: string }> }>("POST", "seed", {
      owned: [{ phoneNumber: "+12125550103" }],
    });
    await expect(submit({ tollfreePhoneNumberSid: seeded.owned[0].sid })).rejects.toMatchObject({
      status: 400, message: expect.stringContaining("not a toll-free number"),
    });
  });

  it("refuses a create that misses a required parameter (raw request past the SDK)", async () => {
    const answer = await t.api("POST", "/v1/Tollfree/Verifications", {
      BusinessName: "BrightSmile", TollfreePhoneNumberSid: numberSid,
    });
    expect(answer).toMatchObject({ status: 400, body: { message: expect.stringContaining("Missing") } });
  });

  it("parses repeated keys into lists", async () => {
    const answer = await t.api("POST", "/v1/Tollfree/Verifications", {
      BusinessName: "BrightSmile", BusinessWebsite: "https://b.example",
      NotificationEmail: "a@b.example", UseCaseCategories: ["ACCOUNT_NOTIFICATIONS", "CUSTOMER_CARE"],
      UseCaseSummary: "Reminders", ProductionMessageSample: "Hi", OptInImageUrls: ["https://b.example/1", "https://b.example/2"],
      OptInType: "WEB_FORM", MessageVolume: "1,000", TollfreePhoneNumberSid: numberSid,
    });
    expect(answer.body).toMatchObject({
      use_case_categories: ["ACCOUNT_NOTIFICATIONS", "CUSTOMER_CARE"],
      opt_in_image_urls: ["https://b.example/1", "https://b.example/2"],
    });
  });
});

describe("the review lifecycle", () => {
  it("approves, attaching the trust product links", async () => {
    const created = await submit();
    await review(created.sid, { status: "IN_REVIEW" });
    await review(created.sid, { status: "TWILIO_APPROVED" });
    const fetched = await t.client.messaging.v1.tollfreeVerifications(created.sid).fetch();
    expect(fetched).toMatchObject({
      status: "TWILIO_APPROVED", rejectionReasons: null, editAllowed: null,
      trustProductSid: expect.stringMatching(/^BU[0-9a-f]{32}$/),
      regulatedItemSid: expect.stringMatching(/^RA[0-9a-f]{32}$/),
      resourceLinks: { trust_product: expect.stringContaining("trusthub.twilio.com") },
    });
  });

  it("rejects with reasons, codes and a seven-day edit window for a fixable code", async () => {
    const created = await submit();
    const before = Date.now();
    await review(created.sid, { status: "TWILIO_REJECTED", rejectionReasons: [30527, 30449] });
    const fetched = await t.client.messaging.v1.tollfreeVerifications(created.sid).fetch();
    expect(fetched).toMatchObject({
      status: "TWILIO_REJECTED",
      rejectionReasons: [
        { code: 30527, reason: "Business Registration Number is missing or invalid" },
        { code: 30449, reason: expect.stringContaining("URL shortener") },
      ],
      rejectionReason: "Business Registration Number is missing or invalid",
      errorCode: 30527,
      editAllowed: true,
    });
    const window = (fetched.editExpiration as Date).getTime() - before;
    expect(window).toBeGreaterThan(7 * 24 * 3600 * 1000 - 5000);
    expect(window).toBeLessThan(7 * 24 * 3600 * 1000 + 5000);
  });

  it("accepts an edit of a rejected verification with 202 and returns it to PENDING_REVIEW", async () => {
    const created = await submit();
    await review(created.sid, { status: "TWILIO_REJECTED", rejectionReasons: [30527] });
    const edited = await t.client.messaging.v1.tollfreeVerifications(created.sid).update({
      businessRegistrationNumber: "84-7654321", editReason: "Registration number fixed",
    });
    expect(t.exchanges[t.exchanges.length - 1].status).toBe(202);
    expect(edited).toMatchObject({
      sid: created.sid, status: "PENDING_REVIEW", businessRegistrationNumber: "84-7654321",
      businessName: "BrightSmile Family Dentistry LLC", rejectionReasons: null, editAllowed: null,
    });
  });

  it.each([
    ["PENDING_REVIEW", {}, EMULATOR_ERROR_CODES.editNotRejected],
    ["IN_REVIEW", { status: "IN_REVIEW" }, EMULATOR_ERROR_CODES.editNotRejected],
    ["TWILIO_APPROVED", { status: "TWILIO_APPROVED" }, EMULATOR_ERROR_CODES.editNotRejected],
    ["rejected for good (30461 gambling)",
      { status: "TWILIO_REJECTED", rejectionReasons: [30461] }, EMULATOR_ERROR_CODES.editNotAllowed],
    ["rejected with edit_allowed false",
      { status: "TWILIO_REJECTED", rejectionReasons: [30527], editAllowed: false },
      EMULATOR_ERROR_CODES.editNotAllowed],
    ["rejected, edit window closed",
      { status: "TWILIO_REJECTED", rejectionReasons: [30527], editExpiration: "2020-01-01T00:00:00Z" },
      EMULATOR_ERROR_CODES.editExpired],
  ])("refuses an edit while %s", async (_state, decision, code) => {
    const created = await submit();
    if ("status" in decision) await review(created.sid, decision);
    await expect(
      t.client.messaging.v1.tollfreeVerifications(created.sid).update({ businessName: "Other" }),
    ).rejects.toMatchObject({ status: 400, code });
    const fetched = await t.client.messaging.v1.tollfreeVerifications(created.sid).fetch();
    expect(fetched.businessName).toBe("BrightSmile Family Dentistry LLC");
  });

  it("defaults edit_allowed from whether every rejection code is resubmittable", async () => {
    const created = await submit();
    const mixed = await review(created.sid, {
      status: "TWILIO_REJECTED", rejectionReasons: [30527, 30459],
    });
    expect(mixed).toMatchObject({ edit_allowed: false, error_code: 30527 });
  });

  it("deletes with 204, after which the number can be verified again", async () => {
    const created = await submit();
    expect(await t.client.messaging.v1.tollfreeVerifications(created.sid).remove()).toBe(true);
    expect(t.exchanges[t.exchanges.length - 1].status).toBe(204);
    await expect(t.client.messaging.v1.tollfreeVerifications(created.sid).fetch())
      .rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await submit()).status).toBe("PENDING_REVIEW");
  });
});

describe("listing verifications", () => {
  let sids: string[];

  beforeEach(async () => {
    const seeded = await t.hook<{ owned: Array<{ sid: string }> }>("POST", "seed", {
      owned: ["+18445550101", "+18555550102", "+18665550103", "+18775550104"].map(
        (phoneNumber, i) => ({ phoneNumber, friendlyName: `integration-${i}` }),
      ),
    });
    sids = [];
    for (const { sid } of [{ sid: numberSid }, ...seeded.owned]) {
      const created = await t.client.messaging.v1.tollfreeVerifications.create(
        verificationParams("brightsmile-dental", sid, { externalReferenceId: `ref-${sid}` }),
      );
      sids.push(created.sid);
    }
  });

  it("lists across pages, newest first, following the emulator's own absolute next_page_url", async () => {
    const listed = await t.client.messaging.v1.tollfreeVerifications.list({ pageSize: 2 });
    expect(listed.map((v) => v.sid)).toEqual([...sids].reverse());
    const first = await t.api("GET", "/v1/Tollfree/Verifications?PageSize=2");
    expect(first.body).toMatchObject({
      meta: {
        key: "verifications", page: 0, page_size: 2, previous_page_url: null,
        next_page_url: expect.stringMatching(
          new RegExp(`^${t.emulator.url}/v1/Tollfree/Verifications\\?PageSize=2&Page=1&PageToken=PA`),
        ),
      },
    });
  });

  it("walks back with previous_page_url", async () => {
    const page = await t.client.messaging.v1.tollfreeVerifications.page({ pageSize: 2 });
    const second = await page.nextPage();
    const back = await second?.previousPage();
    expect(back?.instances.map((v) => v.sid)).toEqual(page.instances.map((v) => v.sid));
  });

  it.each([
    ["TollfreePhoneNumberSid", () => ({ tollfreePhoneNumberSid: numberSid }), () => [sids[0]]],
    ["ExternalReferenceId", () => ({ externalReferenceId: `ref-${numberSid}` }), () => [sids[0]]],
    ["Status", () => ({ status: "TWILIO_APPROVED" }), () => [sids[2]]],
  ] as const)("filters by %s", async (_filter, params, expected) => {
    await review(sids[2], { status: "TWILIO_APPROVED" });
    const listed = await t.client.messaging.v1.tollfreeVerifications.list(params() as never);
    expect(listed.map((v) => v.sid)).toEqual(expected());
  });

  it("filters by TrustProductSid, repeated", async () => {
    const approved = await review(sids[1], { status: "TWILIO_APPROVED" });
    const listed = await t.client.messaging.v1.tollfreeVerifications.list({
      trustProductSid: [approved.trust_product_sid as string, `BU${"1".repeat(32)}`],
    });
    expect(listed.map((v) => v.sid)).toEqual([sids[1]]);
  });

  it("refuses an unknown Status filter", async () => {
    const answer = await t.api("GET", "/v1/Tollfree/Verifications?Status=DONE");
    expect(answer).toMatchObject({ status: 400, body: { code: 400 } });
  });
});

describe("automatic review", () => {
  let auto: TestEmulator;

  beforeAll(async () => {
    auto = await startTestEmulator({ autoReviewSeconds: 0.1 });
  });
  afterAll(() => auto.close());
  afterEach(() => {
    expect(auto.violations.splice(0)).toEqual([]);
  });

  const settle = async (sid: string, seen: string[] = []) => {
    for (let i = 0; i < 100; i++) {
      const fetched = await auto.client.messaging.v1.tollfreeVerifications(sid).fetch();
      if (seen[seen.length - 1] !== fetched.status) seen.push(fetched.status);
      if (fetched.status.startsWith("TWILIO_")) return fetched;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`verification ${sid} was not reviewed`);
  };

  const submitAuto = async (overrides: Record<string, unknown>) => {
    await auto.hook("POST", "reset");
    const seeded = await auto.hook<{ owned: Array<{ sid: string }> }>("POST", "seed", {
      owned: [{ phoneNumber: NUMBER }],
    });
    return auto.client.messaging.v1.tollfreeVerifications.create(
      verificationParams("brightsmile-dental", seeded.owned[0].sid, overrides),
    );
  };

  it("moves a clean submission through IN_REVIEW to TWILIO_APPROVED", async () => {
    const created = await submitAuto({});
    const seen: string[] = [];
    const reviewed = await settle(created.sid, seen);
    expect(reviewed.status).toBe("TWILIO_APPROVED");
    expect(seen).toContain("IN_REVIEW");
  });

  it.each([
    ["a public URL shortener", "Book at bit.ly/brightsmile. Reply STOP to opt out.", 30449, true],
    ["an http:// link", "Book at http://brightsmile-dental.example. Reply STOP to opt out.", 30471, true],
    ["cannabis content", "Our CBD gummies are back in stock. Reply STOP to opt out.", 30459, false],
  ])("rejects a sample with %s (%s → %i)", async (_case, sample, code, editAllowed) => {
    const created = await submitAuto({ productionMessageSample: sample });
    const reviewed = await settle(created.sid);
    expect(reviewed).toMatchObject({ status: "TWILIO_REJECTED", errorCode: code, editAllowed });
  });

  it("reviews an edit again and approves the fixed payload", async () => {
    const created = await submitAuto({ productionMessageSample: "See bit.ly/x. Reply STOP." });
    await settle(created.sid);
    await auto.client.messaging.v1.tollfreeVerifications(created.sid).update({
      productionMessageSample: "See https://www.brightsmile-dental.example. Reply STOP.",
      editReason: "Branded link",
    });
    expect((await settle(created.sid)).status).toBe("TWILIO_APPROVED");
  });
});
