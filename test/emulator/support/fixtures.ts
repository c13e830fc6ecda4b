import { readFileSync } from "node:fs";
import path from "node:path";

import type { Twilio } from "../../../src/twilio/client";

type VerificationCreate = Parameters<Twilio["messaging"]["v1"]["tollfreeVerifications"]["create"]>[0];

const INTAKE_DIR = path.resolve(__dirname, "../../../../shared/intake");

interface IntakeRecord {
  business: {
    legalName: string;
    doingBusinessAs?: string;
    website: string;
    type: string;
    registrationNumber?: string;
    registrationAuthority?: string;
    registrationCountry?: string;
    address: { street: string; city: string; region: string; postalCode: string; country: string };
    contact: { firstName: string; lastName: string; email: string; phone: string };
  };
  notificationEmail: string;
  useCase: {
    estimatedMonthlyVolume: string;
    optInType: string;
    optInImageUrls: string[];
    categories: string[];
    description: string;
    messageSamples: string[];
    additionalInformation?: string;
    optInConfirmationMessage?: string;
    helpMessage?: string;
    privacyPolicyUrl?: string;
    termsAndConditionsUrl?: string;
    ageGatedContent?: boolean;
  };
}

/** A customer's intake form (`../shared/intake/<name>.json`) as shipped with the project docs. */
export function intake(name: string): IntakeRecord {
  return JSON.parse(readFileSync(path.join(INTAKE_DIR, `${name}.json`), "utf8")) as IntakeRecord;
}

/**
 * The twilio-node create parameters of a verification built from an intake record, the way an
 * integration file maps onto them; `overrides` replace fields for one case.
 */
export function verificationParams(
  name: string,
  tollfreePhoneNumberSid: string,
  overrides: Record<string, unknown> = {},
) {
  const { business, useCase, notificationEmail } = intake(name);
  return {
    tollfreePhoneNumberSid,
    businessName: business.legalName,
    doingBusinessAs: business.doingBusinessAs,
    businessWebsite: business.website,
    businessType: business.type,
    businessRegistrationNumber: business.registrationNumber,
    businessRegistrationAuthority: business.registrationAuthority,
    businessRegistrationCountry: business.registrationCountry,
    businessStreetAddress: business.address.street,
    businessCity: business.address.city,
    businessStateProvinceRegion: business.address.region,
    businessPostalCode: business.address.postalCode,
    businessCountry: business.address.country,
    businessContactFirstName: business.contact.firstName,
    businessContactLastName: business.contact.lastName,
    businessContactEmail: business.contact.email,
    businessContactPhone: business.contact.phone,
    notificationEmail,
    useCaseCategories: useCase.categories,
    useCaseSummary: useCase.description,
    productionMessageSample: useCase.messageSamples.join("\n"),
    optInImageUrls: useCase.optInImageUrls,
    optInType: useCase.optInType,
    messageVolume: useCase.estimatedMonthlyVolume,
    additionalInformation: useCase.additionalInformation,
    optInConfirmationMessage: useCase.optInConfirmationMessage,
    helpMessageSample: useCase.helpMessage,
    privacyPolicyUrl: useCase.privacyPolicyUrl,
    termsAndConditionsUrl: useCase.termsAndConditionsUrl,
    ageGatedContent: useCase.ageGatedContent,
    ...overrides,
  } as VerificationCreate;
}
