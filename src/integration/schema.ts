import { z } from "zod";

import {
  BUSINESS_TYPES, MESSAGE_VOLUMES, NUMBER_COUNTRIES, OPT_IN_TYPES, REGISTRATION_AUTHORITIES,
  USE_CASE_CATEGORIES, VETTING_PROVIDERS,
} from "../twilio/enums";

/**
 * The integration file format: the single source of truth. `schemas/integration.schema.json`
 * is generated from it (`npm run schema`) and a test fails when the two drift apart.
 *
 * Shape only lives here; rules across fields and files (toll-free numbers, conditional
 * verification fields, message content) are the named rules in `rules/`.
 */

const text = (description: string) => z.string().trim().min(1).describe(description);

// https only: Twilio's reviewers open these pages, and an http:// page reads as unmaintained.
const httpsUrl = (description: string) =>
  z.url({ protocol: /^https$/, hostname: z.regexes.domain }).describe(description);

const countryCode = (description: string) =>
  z.string().regex(/^[A-Z]{2}$/, "use an ISO 3166 alpha-2 country code such as US or CA")
    .describe(description);

export const API_VERSION = "sms-integrations/v1";
export const KIND = "SmsIntegration";

const metadata = z.strictObject({
  name: z.string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
      "use lower-case letters, digits and dashes (at most 63, no dash at either end)")
    .describe("The integration's name, e.g. brightsmile-dental. Equals the file name without "
      + ".yaml and names every resource of the integration, so it must never change."),
}).describe("Identifies the integration.");

const releaseOnDelete = z.boolean().default(false)
  .describe("Release the toll-free number back to Twilio when the integration is deleted. "
    + "Default false: the number is kept, because a released number may never come back.");

const clearSmsApplication = z.boolean().default(false)
  .describe("Remove an SMS application (SmsApplicationSid) from the number. While one is set, "
    + "Twilio sends inbound SMS to the application's URL instead of the number's webhook, so "
    + "the plan fails until this is true or the application is removed by hand.");

const purchase = z.strictObject({
  country: z.enum(NUMBER_COUNTRIES).describe("Country of the toll-free number: US or CA."),
  areaCode: z.string().optional()
    .describe("Toll-free area code to buy in: 800, 833, 844, 855, 866, 877 or 888."),
  contains: z.string().regex(/^[A-Za-z0-9*%+$]{2,16}$/,
    "use 2 to 16 letters or digits (Twilio's Contains filter; wildcards * % + $)")
    .optional()
    .describe("Pattern the number must contain, letters mapped to keypad digits, e.g. FOOD."),
}).describe("Buy a new toll-free number.");

const number = z.xor([
  z.strictObject({ purchase, releaseOnDelete, clearSmsApplication }),
  z.strictObject({
    existing: z.string().describe("An E.164 US/CA toll-free number already in the Twilio "
      + "account, e.g. +18885550142. Local numbers are not allowed."),
    releaseOnDelete,
    clearSmsApplication,
  }),
], "set exactly one of purchase or existing")
  .describe("The toll-free number: exactly one of purchase (buy a new one) or existing.");

const agent = z.strictObject({
  id: z.string().regex(/^\S+$/, "use the chat agent id, without spaces")
    .describe("Id of the chat agent that answers the number's inbound SMS (agent binding)."),
}).describe("The agent binding: which chat agent answers this number.");

const registration = z.strictObject({
  number: text("Business registration number, e.g. an EIN 84-1234567 "
    + "(Twilio BusinessRegistrationNumber).").optional(),
  authority: z.enum(REGISTRATION_AUTHORITIES)
    .describe("Issuer of the registration number (Twilio BusinessRegistrationAuthority).")
    .optional(),
  country: countryCode("Country of registration (Twilio BusinessRegistrationCountry).")
    .optional(),
  phoneNumber: z.string()
    .describe("E.164 phone number on the registration (BusinessRegistrationPhoneNumber).")
    .optional(),
}).describe("Official registration. Number, authority and country are required unless the "
  + "business is a SOLE_PROPRIETOR (Twilio rejection 30527).");

const address = z.strictObject({
  street: text("Street address (BusinessStreetAddress)."),
  street2: text("Second address line (BusinessStreetAddress2).").optional(),
  city: text("City (BusinessCity)."),
  region: text("State, province or region (BusinessStateProvinceRegion), e.g. IL or ON."),
  postalCode: text("Postal code (BusinessPostalCode)."),
  country: countryCode("Country (BusinessCountry)."),
}).describe("Business address; Twilio validates it (rejection 30451).");

const contact = z.strictObject({
  firstName: text("First name of a person at the business (BusinessContactFirstName)."),
  lastName: text("Last name (BusinessContactLastName)."),
  email: z.email().describe("Their e-mail, on the business's domain (BusinessContactEmail)."),
  phone: z.string().describe("Their E.164 phone number (BusinessContactPhone)."),
}).describe("A named business representative, not a role (Twilio rejection 30483).");

const business = z.strictObject({
  legalName: text("Legal business name exactly as registered (BusinessName)."),
  doingBusinessAs: text("Brand the customers know, if not the legal name (DoingBusinessAs).")
    .optional(),
  website: httpsUrl("Public website of the business (BusinessWebsite)."),
  type: z.enum(BUSINESS_TYPES).describe("Kind of business (BusinessType)."),
  registration: registration.optional(),
  address,
  contact,
}).describe("The end business sending the messages.");

const useCase = z.strictObject({
  categories: z.array(z.enum(USE_CASE_CATEGORIES)).min(1)
    .describe("Use case categories (UseCaseCategories)."),
  summary: text("What is sent, to whom, and how they opted in (UseCaseSummary)."),
  monthlyVolume: z.enum(MESSAGE_VOLUMES).describe("Expected messages a month (MessageVolume)."),
  messageSamples: z.array(text("A real message as it will be sent.")).min(1)
    .describe("Sample messages; each names the business and says how to opt out. Sent as one "
      + "ProductionMessageSample, samples separated by a blank line."),
  additionalInformation: text("Anything else the reviewer should know "
    + "(AdditionalInformation).").optional(),
}).describe("The use case Twilio reviews.");

const optIn = z.strictObject({
  type: z.enum(OPT_IN_TYPES).describe("How consent is collected (OptInType)."),
  imageUrls: z.array(z.string()).min(1)
    .describe("Public https URLs showing the opt-in: screenshot, form or page (OptInImageUrls)."),
  keywords: z.array(text("A keyword.")).min(1).optional()
    .describe("Keywords a person texts to opt in; required for VIA_TEXT (OptInKeywords)."),
  confirmationMessage: text("Message sent after opt-in (OptInConfirmationMessage).").optional(),
  verbalScript: text("Script read to the person; required for VERBAL (sent in "
    + "AdditionalInformation, Twilio rejection 30511).").optional(),
}).describe("How people consent to receive the messages.");

const ageGate = z.strictObject({
  method: z.enum(["DATE_OF_BIRTH"])
    .describe("How age is checked: a full date of birth (a yes/no question is rejected)."),
  evidenceUrl: httpsUrl("Public page or screenshot of the age gate."),
}).describe("Evidence of the age gate; required when ageGatedContent is true (30448).");

const vetting = z.strictObject({
  provider: z.enum(VETTING_PROVIDERS).describe("Vetting provider (VettingProvider)."),
  id: text("Campaign Verify token, cv|1.0|mno|tfree|<uuid>|<signature> (VettingId)."),
}).describe("Political campaign vetting; required for POLITICAL_ELECTION_CAMPAIGNS (30501).");

const resubmission = z.strictObject({
  allowNewVerification: z.boolean().describe("Allow deleting the current verification and "
    + "creating a new one when Twilio no longer lets it be edited."),
  reason: text("Why, for the pull request reviewer and the audit log.").optional(),
}).describe("Opt-in to replace a verification Twilio will no longer let us edit (rejected as "
  + "not resubmittable, or past its edit window). Deleting loses the review position, so "
  + "reconcile never does it unless allowNewVerification is true. Absent by default.");

const compliance = z.strictObject({
  business,
  notificationEmail: z.email().describe("Where Twilio sends verification results "
    + "(NotificationEmail)."),
  useCase,
  optIn,
  helpMessage: text("Reply to HELP: brand and a way to reach the business "
    + "(HelpMessageSample).").optional(),
  privacyPolicyUrl: httpsUrl("Privacy policy (PrivacyPolicyUrl).").optional(),
  termsAndConditionsUrl: httpsUrl("SMS terms (TermsAndConditionsUrl).").optional(),
  ageGatedContent: z.boolean().default(false)
    .describe("Messages are about age-restricted content (AgeGatedContent)."),
  ageGate: ageGate.optional(),
  vetting: vetting.optional(),
  resubmission: resubmission.optional(),
}).describe("The toll-free verification submitted to Twilio.");

const spec = z.strictObject({ number, agent, compliance })
  .describe("The toll-free number, the agent binding and the verification.");

/** One integration file: one customer's toll-free number, agent binding and verification. */
export const integrationSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION).describe("Format version of this file."),
  kind: z.literal(KIND).describe("Always SmsIntegration."),
  metadata,
  spec,
}).meta({
  title: "sms-integrations integration file",
  description: "One customer's toll-free number, agent binding and toll-free verification.",
});

/** An integration as loaded: validated, with defaults applied. */
export type Integration = z.output<typeof integrationSchema>;

/** The `spec.compliance` part of an {@link Integration}. */
export type Compliance = Integration["spec"]["compliance"];

/** The `spec.number` part of an {@link Integration}: purchase or existing. */
export type NumberSpec = Integration["spec"]["number"];
