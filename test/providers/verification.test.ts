import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { integrationSchema } from "../../src/integration/schema";
import { toVerificationRequest } from "../../src/integration/verification-request";
import { snapshot } from "../../src/providers/account-snapshot";
import { UNKNOWN } from "../../src/providers/unknown";
import type { VerificationInputs, VerificationOutputs } from "../../src/providers/verification";
import { provider } from "../../src/providers/verification";
import { review } from "../engine/emulator-hooks";
import { repoIntegration } from "../engine/test-project";
import type { ProviderHarness } from "./provider-harness";
import { startProviderHarness } from "./provider-harness";

const compliance = integrationSchema.parse(repoIntegration("brightsmile-dental")).spec.compliance;
const { businessContactEmail, ...request } = toVerificationRequest(compliance) as unknown as
  Record<string, string>;

describe("the verification provider", () => {
  let harness: ProviderHarness;
  let inputs: VerificationInputs;
  let created: VerificationOutputs;

  beforeAll(async () => {
    harness = await startProviderHarness();
  });

  afterAll(() => harness.close());

  beforeEach(async () => {
    const [available] = await harness.twilio.availablePhoneNumbers("US").tollFree.list({
      limit: 1,
    });
    const number = await harness.twilio.incomingPhoneNumbers.tollFree.create({
      phoneNumber: available!.phoneNumber,
    });
    inputs = {
      integration: "brightsmile-dental",
      owner: "sms-integrations:dev/brightsmile-dental",
      file: "integrations/brightsmile-dental.yaml",
      numberSid: number.sid,
      request,
      contact: { businessContactEmail },
    };
    created = (await provider.create(inputs)).outs as VerificationOutputs;
    snapshot.reset();
  });

  const changed = () => ({
    ...inputs,
    request: { ...request, useCaseSummary: `${request.useCaseSummary} Updated.` },
  });

  it("submits a new verification pending review, with its digest recorded", async () => {
    expect(created.sid).toMatch(/^HH[0-9a-f]{32}$/);
    expect(created.status).toBe("PENDING_REVIEW");
    expect(created.submittedDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes over the verification a killed run submitted instead of submitting another", async () => {
    const again = await provider.create(inputs);

    expect(again.id).toBe(created.sid);
    const all = await harness.twilio.messaging.v1.tollfreeVerifications.list({
      tollfreePhoneNumberSid: inputs.numberSid,
    });
    expect(all).toHaveLength(1);
  });

  it("refuses a number whose verification another stack submitted", async () => {
    const other = { ...inputs, owner: "sms-integrations:staging/brightsmile-dental" };

    await expect(provider.create(other)).rejects.toThrow(
      /belongs to sms-integrations:dev\/brightsmile-dental; remove that integration first/,
    );
  });

  it("plans no change and calls Twilio not at all for an unchanged request", async () => {
    await harness.requests.mark();

    expect(await provider.diff!(created.sid, created, inputs)).toEqual({ changes: false });
    expect(await harness.requests.since()).toEqual([]);
  });

  it("plans a change without calling Twilio when an input is not known yet", async () => {
    await harness.requests.mark();

    const diff = await provider.diff!(created.sid, created, { ...changed(), numberSid: UNKNOWN });
    expect(diff.changes).toBe(true);
    expect(await harness.requests.since()).toEqual([]);
  });

  it.each([
    { status: "PENDING_REVIEW", says: /PENDING_REVIEW.*wait for Twilio's decision/ },
    { status: "IN_REVIEW", says: /IN_REVIEW.*wait for Twilio's decision/ },
    { status: "TWILIO_APPROVED", says: /TWILIO_APPROVED.*keep the approval/ },
  ])("refuses to change a verification that is $status", async ({ status, says }) => {
    if (status !== "PENDING_REVIEW") await review(harness.emulator.url, created.sid, { status });

    await expect(provider.diff!(created.sid, created, changed())).rejects.toThrow(says);
    await expect(provider.update!(created.sid, created, changed())).rejects.toThrow(
      /allowNewVerification/,
    );
  });

  it("edits a rejected verification that Twilio allows to be edited, in place", async () => {
    await review(harness.emulator.url, created.sid, {
      status: "TWILIO_REJECTED",
      rejectionReasons: [{ code: 30497 }],
    });
    const rejected = (await provider.read!(created.sid, created)).props as VerificationOutputs;
    expect(rejected.rejectionReasons).toEqual([
      expect.objectContaining({ code: 30497, paths: ["spec.compliance.useCase.summary"] }),
    ]);

    const { outs } = await provider.update!(created.sid, rejected, changed());

    expect(outs).toMatchObject({ sid: created.sid, status: "PENDING_REVIEW" });
    const live = await harness.twilio.messaging.v1.tollfreeVerifications(created.sid).fetch();
    expect(live.useCaseSummary).toMatch(/Updated\.$/);
  });

  it("refuses a rejection Twilio does not allow to be edited, naming the opt-in", async () => {
    await review(harness.emulator.url, created.sid, {
      status: "TWILIO_REJECTED",
      rejectionReasons: [{ code: 30441 }],
      editAllowed: false,
    });

    await expect(provider.diff!(created.sid, created, changed())).rejects.toThrow(
      /does not allow it to be edited.*allowNewVerification: true/,
    );
  });

  it("refuses an edit after the edit window closed", async () => {
    await review(harness.emulator.url, created.sid, {
      status: "TWILIO_REJECTED",
      rejectionReasons: [{ code: 30497 }],
      editExpiration: "2026-01-01T00:00:00Z",
    } as Parameters<typeof review>[2]);

    await expect(provider.diff!(created.sid, created, changed())).rejects.toThrow(
      /edit window closed at 2026-01-01T00:00:00.000Z/,
    );
  });

  it("replaces a verification Twilio will not edit only on the file's explicit opt-in", async () => {
    await review(harness.emulator.url, created.sid, { status: "IN_REVIEW" });
    const optedIn = {
      ...changed(),
      resubmission: { allowNewVerification: true, reason: "Summary was wrong" },
    };

    const { outs } = await provider.update!(created.sid, created, optedIn);

    expect(outs?.sid).not.toBe(created.sid);
    expect(outs?.status).toBe("PENDING_REVIEW");
    const all = await harness.twilio.messaging.v1.tollfreeVerifications.list({
      tollfreePhoneNumberSid: inputs.numberSid,
    });
    expect(all.map((v) => v.sid)).toEqual([outs?.sid]);
  });

  it("keeps every output when an update changes no request field", async () => {
    await harness.requests.mark();

    const { outs } = await provider.update!(created.sid, created, { ...inputs });

    expect(outs).toEqual(created);
    expect(await harness.requests.since()).toEqual([]);
  });

  it("keeps the verification at Twilio when the integration is removed", async () => {
    await harness.requests.mark();

    await provider.delete!(created.sid, created);

    expect(await harness.requests.since()).toEqual([]);
  });
});
