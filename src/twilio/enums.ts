/**
 * Twilio's toll-free verification enumerations, copied from the messaging v1 OpenAPI spec
 * (`tollfree_verification_enum_*`, twilio-reference.md section 1.3): the integration schema
 * accepts exactly what Twilio accepts, and the emulator answers with exactly these.
 */

export const USE_CASE_CATEGORIES = [
  "TWO_FACTOR_AUTHENTICATION", "ACCOUNT_NOTIFICATIONS", "CUSTOMER_CARE", "CHARITY_NONPROFIT",
  "DELIVERY_NOTIFICATIONS", "FRAUD_ALERT_MESSAGING", "EVENTS", "HIGHER_EDUCATION", "K12",
  "MARKETING", "POLLING_AND_VOTING_NON_POLITICAL", "POLITICAL_ELECTION_CAMPAIGNS",
  "PUBLIC_SERVICE_ANNOUNCEMENT", "SECURITY_ALERT",
] as const;

export type UseCaseCategory = (typeof USE_CASE_CATEGORIES)[number];

export const OPT_IN_TYPES = [
  "VERBAL", "WEB_FORM", "PAPER_FORM", "VIA_TEXT", "MOBILE_QR_CODE", "IMPORT",
  "IMPORT_PLEASE_REPLACE",
] as const;

export const BUSINESS_TYPES = [
  "PRIVATE_PROFIT", "PUBLIC_PROFIT", "SOLE_PROPRIETOR", "NON_PROFIT", "GOVERNMENT",
] as const;

// Note the mixed-case "USt-IdNr": Twilio spells it that way.
export const REGISTRATION_AUTHORITIES = [
  "EIN", "CBN", "CRN", "PROVINCIAL_NUMBER", "VAT", "ACN", "ABN", "BRN", "SIREN", "SIRET", "NZBN",
  "USt-IdNr", "CIF", "NIF", "CNPJ", "UID", "NEQ", "OTHER",
] as const;

export const VETTING_PROVIDERS = ["CAMPAIGN_VERIFY"] as const;

/**
 * Monthly message volume tiers. Twilio's spec types `MessageVolume` as a free string; this is
 * the console's tier list (also Telnyx's TFV enum). Unconfirmed for Twilio's API, so the
 * emulator accepts any string while integration files are held to the tiers.
 */
export const MESSAGE_VOLUMES = [
  "10", "100", "1,000", "10,000", "100,000", "250,000", "500,000", "750,000", "1,000,000",
  "5,000,000", "10,000,000+",
] as const;

/** NANP toll-free area codes, shared by the US and Canada (Twilio TFV resource page). */
export const TOLL_FREE_AREA_CODES = ["800", "833", "844", "855", "866", "877", "888"] as const;

/** Countries where this product buys toll-free numbers. */
export const NUMBER_COUNTRIES = ["US", "CA"] as const;

/** The review states of a toll-free verification. */
export const VERIFICATION_STATUSES = [
  "PENDING_REVIEW", "IN_REVIEW", "TWILIO_APPROVED", "TWILIO_REJECTED",
] as const;
