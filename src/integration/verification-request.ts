import type {
  TollfreeVerificationListInstanceCreateOptions,
} from "twilio/lib/rest/messaging/v1/tollfreeVerification";

import type { Compliance } from "./schema";

/**
 * The options of twilio-node's `client.messaging.v1.tollfreeVerifications.create()`, without
 * `tollfreePhoneNumberSid`: the number is known only once it is bought or found, so the
 * reconcile code adds it.
 */
export type VerificationRequest = Omit<TollfreeVerificationListInstanceCreateOptions,
  "tollfreePhoneNumberSid">;

/**
 * Separates the samples in `productionMessageSample`. Twilio takes one sample string; sending
 * every sample, each as its own paragraph, lets the reviewer see all the message kinds the file
 * declares instead of only the first.
 */
export const SAMPLE_SEPARATOR = "\n\n";

/**
 * Maps `spec.compliance` onto the verification request Twilio reviews. Optional fields that
 * the file leaves out are left out of the request (no `undefined` keys), so requests compare
 * equal when the file does.
 *
 * Two file fields have no Twilio parameter of their own and travel in
 * `additionalInformation`, after the file's own text: `optIn.verbalScript` (Twilio asks for the
 * verbal script there, rejection 30511) and `ageGate` (evidence of the age gate, 30448).
 */
export function toVerificationRequest(compliance: Compliance): VerificationRequest {
  const { business, useCase, optIn } = compliance;
  const { address, contact, registration } = business;
  const request: VerificationRequest = {
    businessName: business.legalName,
    businessWebsite: business.website,
    notificationEmail: compliance.notificationEmail,
    useCaseCategories: [...useCase.categories],
    useCaseSummary: useCase.summary,
    productionMessageSample: useCase.messageSamples.join(SAMPLE_SEPARATOR),
    optInImageUrls: [...optIn.imageUrls],
    optInType: optIn.type,
    messageVolume: useCase.monthlyVolume,
    businessStreetAddress: address.street,
    businessStreetAddress2: address.street2,
    businessCity: address.city,
    businessStateProvinceRegion: address.region,
    businessPostalCode: address.postalCode,
    businessCountry: address.country,
    additionalInformation: additionalInformation(compliance),
    businessContactFirstName: contact.firstName,
    businessContactLastName: contact.lastName,
    businessContactEmail: contact.email,
    businessContactPhone: contact.phone,
    businessRegistrationNumber: registration?.number,
    businessRegistrationAuthority: registration?.authority,
    businessRegistrationCountry: registration?.country,
    businessRegistrationPhoneNumber: registration?.phoneNumber,
    businessType: business.type,
    doingBusinessAs: business.doingBusinessAs,
    optInConfirmationMessage: optIn.confirmationMessage,
    helpMessageSample: compliance.helpMessage,
    privacyPolicyUrl: compliance.privacyPolicyUrl,
    termsAndConditionsUrl: compliance.termsAndConditionsUrl,
    ageGatedContent: compliance.ageGatedContent,
    optInKeywords: optIn.keywords && [...optIn.keywords],
    vettingProvider: compliance.vetting?.provider,
    vettingId: compliance.vetting?.id,
  };
  return withoutUndefined(request);
}

function additionalInformation(compliance: Compliance): string | undefined {
  const { useCase, optIn, ageGate } = compliance;
  const parts = [
    useCase.additionalInformation,
    optIn.verbalScript && `Verbal opt-in script: "${optIn.verbalScript}"`,
    ageGate && `Age gate: date of birth is collected before any message (${ageGate.evidenceUrl}).`,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(SAMPLE_SEPARATOR) : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
