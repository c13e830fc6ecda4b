import type { Twilio } from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { webhookUrls } from "../../handlers/core/urls";
import { integrationSchema } from "../../src/integration/schema";
import { createTwilioClient } from "../../src/twilio/client";
import { RequestCounter, review } from "./emulator-hooks";
import type { TestProject } from "./test-project";
import { createTestProject, repoIntegration } from "./test-project";

const INTAKE = ["brightsmile-dental", "northside-bakery", "quickfix-plumbing",
  "riverbend-food-bank"];
const WEBHOOK = webhookUrls("http://127.0.0.1:4020");

/** The integration file as an object the test edits, with a path-style setter. */
type Doc = Record<string, unknown>;

function edit(doc: Doc, path: string[], value: unknown): Doc {
  const copy = structuredClone(doc);
  let at = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

describe("reconciling the intake integrations against the emulator", () => {
  let emulator: RunningEmulator;
  let project: TestProject;
  let twilio: Twilio;
  let requests: RequestCounter;
  const files = Object.fromEntries(INTAKE.map((name) => [name, repoIntegration(name)]));

  beforeAll(async () => {
    emulator = await startEmulator({ seed: { owned: [{ phoneNumber: "+18885550142" }] } });
    twilio = createTwilioClient({
      accountSid: emulator.accountSid,
      authToken: emulator.authToken,
      baseUrl: emulator.url,
    });
    requests = new RequestCounter(emulator.url);
    project = await createTestProject(emulator);
    for (const name of INTAKE) project.writeIntegration(name, files[name]);
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  /** Every number, bought or adopted, carries its stack and integration as FriendlyName. */
  async function numberOf(name: string) {
    const [number] = await twilio.incomingPhoneNumbers.list({
      friendlyName: `sms-integrations:dev/${name}`,
    });
    return number;
  }

  async function verificationOf(numberSid: string) {
    return twilio.messaging.v1.tollfreeVerifications.list({ tollfreePhoneNumberSid: numberSid });
  }

  it("buys or adopts every number, binds it to the webhook and submits its verification", async () => {
    const up = await project.stack.up();
    expect(up.summary.result).toBe("succeeded");

    const numbers = await twilio.incomingPhoneNumbers.list();
    expect(numbers).toHaveLength(4);
    for (const number of numbers) {
      expect(number.smsUrl).toBe(WEBHOOK.smsUrl);
      expect(number.smsFallbackUrl).toBe(WEBHOOK.smsFallbackUrl);
      const verifications = await verificationOf(number.sid);
      expect(verifications.map((v) => v.status)).toEqual(["PENDING_REVIEW"]);
    }

    expect((await numberOf("brightsmile-dental"))?.phoneNumber).toMatch(/^\+1833/);
    expect((await numberOf("quickfix-plumbing"))?.phoneNumber).toMatch(/^\+1855/);
    expect(numbers.map((n) => n.phoneNumber)).toContain("+18885550142");
    const rows = up.outputs.integrations?.value as Record<string, { verificationStatus: string }>;
    expect(Object.keys(rows).sort()).toEqual(INTAKE);
  });

  it("submits every field of the file in the verification request", async () => {
    const number = await numberOf("brightsmile-dental");
    const [verification] = await verificationOf(number!.sid);
    const c = integrationSchema.parse(files["brightsmile-dental"]).spec.compliance;
    const { business, useCase, optIn } = c;

    // Each YAML field against the field Twilio stored, written out rather than derived, so a
    // field the reconcile code drops or misnames fails here.
    const sent = verification as unknown as Record<string, unknown>;
    const table: [string, unknown][] = [
      ["businessName", business.legalName],
      ["doingBusinessAs", business.doingBusinessAs],
      ["businessWebsite", business.website],
      ["businessType", business.type],
      ["businessRegistrationNumber", business.registration?.number],
      ["businessRegistrationAuthority", business.registration?.authority],
      ["businessRegistrationCountry", business.registration?.country],
      ["businessStreetAddress", business.address.street],
      ["businessStreetAddress2", business.address.street2],
      ["businessCity", business.address.city],
      ["businessStateProvinceRegion", business.address.region],
      ["businessPostalCode", business.address.postalCode],
      ["businessCountry", business.address.country],
      ["businessContactFirstName", business.contact.firstName],
      ["businessContactLastName", business.contact.lastName],
      ["businessContactEmail", business.contact.email],
      ["businessContactPhone", business.contact.phone],
      ["notificationEmail", c.notificationEmail],
      ["useCaseCategories", useCase.categories],
      ["useCaseSummary", useCase.summary],
      ["messageVolume", useCase.monthlyVolume],
      ["optInType", optIn.type],
      ["optInImageUrls", optIn.imageUrls],
      ["optInConfirmationMessage", optIn.confirmationMessage],
      ["helpMessageSample", c.helpMessage],
      ["privacyPolicyUrl", c.privacyPolicyUrl],
      ["termsAndConditionsUrl", c.termsAndConditionsUrl],
      ["ageGatedContent", c.ageGatedContent],
    ];
    for (const [field, value] of table) {
      expect({ field, value: sent[field] }).toEqual({ field, value });
    }
    for (const sample of useCase.messageSamples) {
      expect(verification!.productionMessageSample).toContain(sample);
    }
    expect(verification!.additionalInformation).toContain(useCase.additionalInformation);
  });

  it("previews an unchanged stack with no changes and no Twilio call", async () => {
    await requests.mark();
    const preview = await project.stack.preview();

    expect(Object.keys(preview.changeSummary)).toEqual(["same"]);
    expect(await requests.since()).toEqual([]);
  });

  it("shows a changed SmsUrl on refresh and restores it on up", async () => {
    const number = await numberOf("northside-bakery");
    await twilio.incomingPhoneNumbers(number!.sid).update({
      smsUrl: "http://dev.example.test:3000/sms",
    });

    await project.stack.refresh();
    const state = await project.stack.exportStack();
    const resource = (state.deployment.resources as { urn: string; outputs: { smsUrl: string } }[])
      .find((r) => r.urn.endsWith("WebhookBinding::northside-bakery-webhook"));
    expect(resource?.outputs.smsUrl).toBe("http://dev.example.test:3000/sms");
    const preview = await project.stack.preview({ diff: true });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stdout).toContain("http://dev.example.test:3000/sms");

    await project.stack.up();
    expect((await numberOf("northside-bakery"))?.smsUrl).toBe(WEBHOOK.smsUrl);
  });

  it("edits a rejected verification in place, keeping its SID", async () => {
    const number = await numberOf("brightsmile-dental");
    const [before] = await verificationOf(number!.sid);
    await review(emulator.url, before!.sid, {
      status: "TWILIO_REJECTED",
      rejectionReasons: [{ code: 30449 }],
    });
    const samples = ["BrightSmile Dental: your cleaning is Tue 6/9 at 3:00 PM. Reply C to " +
      "confirm or STOP to opt out."];
    const changed = edit(files["brightsmile-dental"]!,
      ["spec", "compliance", "useCase", "messageSamples"], samples);
    project.writeIntegration("brightsmile-dental", changed);

    await requests.mark();
    await project.stack.up();

    const after = await verificationOf(number!.sid);
    expect(after.map((v) => [v.sid, v.status])).toEqual([[before!.sid, "PENDING_REVIEW"]]);
    expect(after[0]!.productionMessageSample).toContain("Tue 6/9 at 3:00 PM");
    const calls = (await requests.since()).map((r) => `${r.method} ${r.path}`);
    expect(calls).toContain(`POST /v1/Tollfree/Verifications/${before!.sid}`);
    expect(calls.filter((c) => c.startsWith("DELETE"))).toEqual([]);
  });

  it("refuses a change while Twilio reviews the verification, and says what to do", async () => {
    const number = await numberOf("riverbend-food-bank");
    const [verification] = await verificationOf(number!.sid);
    await review(emulator.url, verification!.sid, { status: "IN_REVIEW" });
    const original = files["riverbend-food-bank"]!;
    project.writeIntegration("riverbend-food-bank", edit(original,
      ["spec", "compliance", "useCase", "summary"], "Riverbend Food Bank texts pantry hours " +
      "and distribution reminders to neighbours who signed the paper form at the pantry."));

    await requests.mark();
    const preview = project.stack.preview();

    await expect(preview).rejects.toThrow(/IN_REVIEW.*allowNewVerification/s);
    const calls = await requests.since();
    expect(calls.filter((c) => c.method !== "GET")).toEqual([]);
    project.writeIntegration("riverbend-food-bank", original);
  });

  it("keeps the number in the account, unbound, when its file is removed", async () => {
    const number = await numberOf("quickfix-plumbing");
    project.removeIntegration("quickfix-plumbing");

    await requests.mark();
    await project.stack.up();

    const kept = await twilio.incomingPhoneNumbers(number!.sid).fetch();
    expect(kept.smsUrl).toBe("");
    expect(await verificationOf(number!.sid)).toHaveLength(1);
    const calls = await requests.since();
    expect(calls.filter((c) => c.method === "DELETE")).toEqual([]);
  });
});
