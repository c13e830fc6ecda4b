import {
  BUSINESS_TYPES,
  OPT_IN_TYPES,
  REGISTRATION_AUTHORITIES,
  USE_CASE_CATEGORIES,
} from "../../src/twilio/enums";

export { VERIFICATION_STATUSES } from "../../src/twilio/enums";

/**
 * The Toll-Free Verification payload: each request parameter (PascalCase, form-encoded) with
 * its response key (snake_case) and kind, in the order of `messaging.v1.tollfree_verification`
 * (twilio_messaging_v1.json). `create`/`update` say which operation accepts it.
 */
export interface VerificationField {
  param: string;
  key: string;
  kind: "string" | "list" | "boolean";
  create: boolean;
  update: boolean;
  /** Allowed values (for lists: of each item). */
  values?: readonly string[];
}

const both = { create: true, update: true };
const createOnly = { create: true, update: false };

/** Parameters that create requires; twilio-node also checks them before sending. */
export const REQUIRED_ON_CREATE = [
  "BusinessName", "BusinessWebsite", "NotificationEmail", "UseCaseCategories", "UseCaseSummary",
  "ProductionMessageSample", "OptInImageUrls", "OptInType", "MessageVolume",
  "TollfreePhoneNumberSid",
] as const;

export const VERIFICATION_FIELDS: readonly VerificationField[] = [
  { param: "CustomerProfileSid", key: "customer_profile_sid", kind: "string", ...createOnly },
  { param: "BusinessName", key: "business_name", kind: "string", ...both },
  { param: "BusinessStreetAddress", key: "business_street_address", kind: "string", ...both },
  { param: "BusinessStreetAddress2", key: "business_street_address2", kind: "string", ...both },
  { param: "BusinessCity", key: "business_city", kind: "string", ...both },
  {
    param: "BusinessStateProvinceRegion", key: "business_state_province_region", kind: "string",
    ...both,
  },
  { param: "BusinessPostalCode", key: "business_postal_code", kind: "string", ...both },
  { param: "BusinessCountry", key: "business_country", kind: "string", ...both },
  { param: "BusinessWebsite", key: "business_website", kind: "string", ...both },
  {
    param: "BusinessContactFirstName", key: "business_contact_first_name", kind: "string", ...both,
  },
  { param: "BusinessContactLastName", key: "business_contact_last_name", kind: "string", ...both },
  { param: "BusinessContactEmail", key: "business_contact_email", kind: "string", ...both },
  { param: "BusinessContactPhone", key: "business_contact_phone", kind: "string", ...both },
  { param: "NotificationEmail", key: "notification_email", kind: "string", ...both },
  {
    param: "UseCaseCategories", key: "use_case_categories", kind: "list", ...both,
    values: USE_CASE_CATEGORIES,
  },
  { param: "UseCaseSummary", key: "use_case_summary", kind: "string", ...both },
  { param: "ProductionMessageSample", key: "production_message_sample", kind: "string", ...both },
  { param: "OptInImageUrls", key: "opt_in_image_urls", kind: "list", ...both },
  { param: "OptInType", key: "opt_in_type", kind: "string", ...both, values: OPT_IN_TYPES },
  { param: "MessageVolume", key: "message_volume", kind: "string", ...both },
  { param: "AdditionalInformation", key: "additional_information", kind: "string", ...both },
  {
    param: "BusinessRegistrationNumber", key: "business_registration_number", kind: "string",
    ...both,
  },
  {
    param: "BusinessRegistrationAuthority", key: "business_registration_authority",
    kind: "string", ...both, values: REGISTRATION_AUTHORITIES,
  },
  {
    param: "BusinessRegistrationCountry", key: "business_registration_country", kind: "string",
    ...both,
  },
  {
    param: "BusinessType", key: "business_type", kind: "string", ...both, values: BUSINESS_TYPES,
  },
  {
    param: "BusinessRegistrationPhoneNumber", key: "business_registration_phone_number",
    kind: "string", ...both,
  },
  { param: "DoingBusinessAs", key: "doing_business_as", kind: "string", ...both },
  {
    param: "OptInConfirmationMessage", key: "opt_in_confirmation_message", kind: "string", ...both,
  },
  { param: "HelpMessageSample", key: "help_message_sample", kind: "string", ...both },
  { param: "PrivacyPolicyUrl", key: "privacy_policy_url", kind: "string", ...both },
  { param: "TermsAndConditionsUrl", key: "terms_and_conditions_url", kind: "string", ...both },
  { param: "AgeGatedContent", key: "age_gated_content", kind: "boolean", ...both },
  { param: "OptInKeywords", key: "opt_in_keywords", kind: "list", ...both },
  { param: "ExternalReferenceId", key: "external_reference_id", kind: "string", ...createOnly },
  { param: "VettingId", key: "vetting_id", kind: "string", ...both },
  {
    param: "VettingProvider", key: "vetting_provider", kind: "string", ...both,
    values: ["CAMPAIGN_VERIFY"],
  },
];
