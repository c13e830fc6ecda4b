import { describe, expect, it } from "vitest";

import { loadIntegrations } from "../../src/integration/loader";
import type { Compliance } from "../../src/integration/schema";
import {
  SAMPLE_SEPARATOR, toVerificationRequest,
} from "../../src/integration/verification-request";
import { valueAt } from "../../src/integration/yaml-value";
import { edit, integrationText, tempDir } from "./fixtures";

// BrightSmile with every optional verification field set.
const FULL = edit(integrationText("brightsmile-dental"), [
  ['        country: US\n      address:', '        country: US\n        phoneNumber: "+12175550100"\n'
    + "      address:"],
  ["      confirmationMessage:", "      keywords: [SMILE]\n      verbalScript: Say yes to texts "
    + "from BrightSmile Dental. Reply STOP to opt out.\n      confirmationMessage:"],
  ["    ageGatedContent: false", "    ageGatedContent: true\n    ageGate: { method: "
    + "DATE_OF_BIRTH, evidenceUrl: \"https://www.brightsmile-dental.example/age\" }\n"
    + "    vetting: { provider: CAMPAIGN_VERIFY, id: \"cv|1.0|mno|tfree|"
    + "0b8f3c1e-2d4a-4e5b-9c6d-7e8f9a0b1c2d|c2lnbmF0dXJl\" }"],
]);

async function fullCompliance(): Promise<Compliance> {
  const dir = tempDir({ "brightsmile-dental.yaml": FULL });
  const { integrations, problems } = await loadIntegrations([dir]);
  expect(problems).toEqual([]);
  return integrations[0].integration.spec.compliance;
}

// Each file field (under spec.compliance) and the twilio-node create() option it becomes.
const DIRECT: [yamlPath: string, requestKey: string][] = [
  ["business.legalName", "businessName"],
  ["business.doingBusinessAs", "doingBusinessAs"],
  ["business.website", "businessWebsite"],
  ["business.type", "businessType"],
  ["business.registration.number", "businessRegistrationNumber"],
  ["business.registration.authority", "businessRegistrationAuthority"],
  ["business.registration.country", "businessRegistrationCountry"],
  ["business.registration.phoneNumber", "businessRegistrationPhoneNumber"],
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
  ["useCase.categories", "useCaseCategories"],
  ["useCase.summary", "useCaseSummary"],
  ["useCase.monthlyVolume", "messageVolume"],
  ["optIn.type", "optInType"],
  ["optIn.imageUrls", "optInImageUrls"],
  ["optIn.keywords", "optInKeywords"],
  ["optIn.confirmationMessage", "optInConfirmationMessage"],
  ["helpMessage", "helpMessageSample"],
  ["privacyPolicyUrl", "privacyPolicyUrl"],
  ["termsAndConditionsUrl", "termsAndConditionsUrl"],
  ["ageGatedContent", "ageGatedContent"],
  ["vetting.provider", "vettingProvider"],
  ["vetting.id", "vettingId"],
];

// Keys built from several fields, tested one by one below.
const COMPOSED = ["productionMessageSample", "additionalInformation"];

describe("toVerificationRequest", () => {
  it.each(DIRECT)("sends %s as %s", async (yamlPath, requestKey) => {
    const compliance = await fullCompliance();
    const request = toVerificationRequest(compliance) as unknown as Record<string, unknown>;

    const value = valueAt(compliance, yamlPath.split("."));
    expect(value).toBeDefined();
    expect(request[requestKey]).toEqual(value);
  });

  it("sends every sample in productionMessageSample, one paragraph each", async () => {
    const compliance = await fullCompliance();

    const request = toVerificationRequest(compliance);

    expect(request.productionMessageSample.split(SAMPLE_SEPARATOR))
      .toEqual(compliance.useCase.messageSamples);
  });

  it("sends additional information, the verbal script and the age gate evidence together",
    async () => {
      const compliance = await fullCompliance();

      const parts = toVerificationRequest(compliance).additionalInformation?.split("\n\n");

      expect(parts).toEqual([
        compliance.useCase.additionalInformation,
        `Verbal opt-in script: "${compliance.optIn.verbalScript}"`,
        expect.stringContaining("https://www.brightsmile-dental.example/age"),
      ]);
    });

  it("sends nothing else: no phone number SID and no undefined keys", async () => {
    const request = toVerificationRequest(await fullCompliance());

    expect(Object.keys(request).sort())
      .toEqual([...DIRECT.map(([, key]) => key), ...COMPOSED].sort());
    expect(request).not.toHaveProperty("tollfreePhoneNumberSid");
  });

  it("leaves out the optional fields a file does not set", async () => {
    const dir = tempDir({ "northside-bakery.yaml": integrationText("northside-bakery") });
    const [loaded] = (await loadIntegrations([dir])).integrations;

    const request = toVerificationRequest(loaded.integration.spec.compliance);

    for (const key of ["businessRegistrationNumber", "termsAndConditionsUrl", "vettingId",
      "additionalInformation", "businessStreetAddress2"]) {
      expect(request).not.toHaveProperty(key);
    }
    expect(Object.values(request)).not.toContain(undefined);
  });
});
