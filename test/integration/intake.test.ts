import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { loadIntegrations, type LoadedIntegration } from "../../src/integration/loader";
import { SAMPLE_SEPARATOR, toVerificationRequest } from "../../src/integration/verification-request";
import { valueAt } from "../../src/integration/yaml-value";
import { INTAKE_NAMES, type IntakeName, intakeRecord, REPO } from "./fixtures";

// Intake form field → twilio-node create() option, for fields copied as they are.
const COPIED: [intakePath: string, requestKey: string][] = [
  ["business.legalName", "businessName"],
  ["business.website", "businessWebsite"],
  ["business.type", "businessType"],
  ["business.registrationNumber", "businessRegistrationNumber"],
  ["business.registrationAuthority", "businessRegistrationAuthority"],
  ["business.registrationCountry", "businessRegistrationCountry"],
  ["business.address.street", "businessStreetAddress"],
  ["business.address.street2", "businessStreetAddress2"],
  ["business.address.city", "businessCity"],
  ["business.address.region", "businessStateProvinceRegion"],
  ["business.address.postalCode", "businessPostalCode"],
  ["business.address.country", "businessCountry"],
  ["business.contact.firstName", "businessContactFirstName"],
  ["business.contact.lastName", "businessContactLastName"],
  ["business.contact.email", "businessContactEmail"],
  ["business.contact.phone", "businessContactPhone"],
  ["notificationEmail", "notificationEmail"],
  ["useCase.estimatedMonthlyVolume", "messageVolume"],
  ["useCase.optInType", "optInType"],
  ["useCase.optInImageUrls", "optInImageUrls"],
  ["useCase.optInKeywords", "optInKeywords"],
  ["useCase.categories", "useCaseCategories"],
  ["useCase.description", "useCaseSummary"],
  ["useCase.optInConfirmationMessage", "optInConfirmationMessage"],
  ["useCase.helpMessage", "helpMessageSample"],
  ["useCase.privacyPolicyUrl", "privacyPolicyUrl"],
  ["useCase.termsAndConditionsUrl", "termsAndConditionsUrl"],
  ["useCase.ageGatedContent", "ageGatedContent"],
];

// Where a converted file knowingly departs from its intake record, and why (see the file).
const DEPARTURES: Partial<Record<IntakeName, Record<string, unknown>>> = {
  // The form left the DBA empty; every message is signed "Riverbend Food Bank".
  "riverbend-food-bank": { doingBusinessAs: "Riverbend Food Bank" },
};

let loaded: Map<string, LoadedIntegration> | undefined;

async function converted(name: IntakeName): Promise<LoadedIntegration> {
  if (!loaded) {
    const result = await loadIntegrations([join(REPO, "integrations")]);
    loaded = new Map(result.integrations.map((i) => [i.name, i]));
  }
  const integration = loaded.get(name);
  if (!integration) throw new Error(`integrations/${name}.yaml did not load`);
  return integration;
}

const get = (record: unknown, path: string) => valueAt(record, path.split("."));

describe.each(INTAKE_NAMES)("the %s integration file", (name) => {
  const intake = intakeRecord(name);

  it("carries every copied intake field into the verification request", async () => {
    const request = toVerificationRequest((await converted(name)).integration.spec.compliance);

    for (const [intakePath, key] of COPIED) {
      expect((request as Record<string, unknown>)[key], key).toEqual(get(intake, intakePath));
    }
  });

  it("sends all the intake's sample messages and its brand", async () => {
    const request = toVerificationRequest((await converted(name)).integration.spec.compliance);

    expect(request.productionMessageSample)
      .toBe((get(intake, "useCase.messageSamples") as string[]).join(SAMPLE_SEPARATOR));
    expect(request.doingBusinessAs)
      .toBe(DEPARTURES[name]?.doingBusinessAs ?? get(intake, "business.doingBusinessAs"));
  });

  it("keeps the customer's name, number choice and chat agent", async () => {
    const { integration } = await converted(name);
    const number = intake.number as Record<string, string>;

    expect(integration.metadata.name).toBe(intake.customer);
    expect(integration.spec.agent.id).toBe(intake.chatAgent);
    expect(integration.spec.number).toEqual(number.choice === "existing"
      ? { existing: number.phoneNumber, releaseOnDelete: false, clearSmsApplication: false }
      : { purchase: { country: number.country, ...(number.areaCode && { areaCode:
        number.areaCode }), ...(number.contains && { contains: number.contains }) },
      releaseOnDelete: false, clearSmsApplication: false });
  });

  it("sends the intake's additional information, verbal script included", async () => {
    const request = toVerificationRequest((await converted(name)).integration.spec.compliance);
    const original = get(intake, "useCase.additionalInformation") as string | undefined;

    if (original === undefined) {
      expect(request.additionalInformation).toBeUndefined();
      return;
    }
    // QuickFix's record embeds the script in quotes; the file keeps it in optIn.verbalScript.
    const script = /'(.+?)'/.exec(original)?.[1];
    const rest = script ? original.slice(original.indexOf(script) + script.length + 2).trim()
      : original;
    expect(request.additionalInformation).toContain(rest);
    if (script) expect(request.additionalInformation).toContain(script);
  });
});
