/**
 * Toll-free verification rejection codes, as Twilio returns them in `error_code` and
 * `rejection_reasons[].code`, from Twilio's rejection table ("Why Was My Toll-Free Verification
 * Rejected?", twilio-reference.md section 2). Data only, no YAML knowledge: the Twilio emulator
 * uses it to pick `edit_allowed` for a rejection, the linter to cite codes in its messages.
 */

/** What Twilio says about one rejection code. */
export interface RejectionCode {
  /** Twilio's title for the code. */
  title: string;
  /**
   * Whether Twilio lets the rejected verification be edited and resubmitted (`edit_allowed`).
   * `false` means the verification is final: a new one is needed, or none is possible.
   */
  resubmittable: boolean;
  /**
   * The integration-file YAML paths the code is about, where the title says which
   * (e.g. `spec.compliance.useCase.messageSamples`); empty when it concerns no one field.
   */
  paths: string[];
}

const C = "spec.compliance";
const BUSINESS = `${C}.business`;
const SAMPLES = `${C}.useCase.messageSamples`;
const OPT_IN = `${C}.optIn`;
const REGISTRATION = [
  `${BUSINESS}.registration.number`,
  `${BUSINESS}.registration.authority`,
  `${BUSINESS}.registration.country`,
];
const ADDRESS = [
  `${BUSINESS}.address.street`, `${BUSINESS}.address.street2`, `${BUSINESS}.address.city`,
  `${BUSINESS}.address.region`, `${BUSINESS}.address.postalCode`, `${BUSINESS}.address.country`,
];
const BUSINESS_IDENTITY = [
  `${BUSINESS}.legalName`, `${BUSINESS}.website`, ...ADDRESS, `${BUSINESS}.contact`,
];
const OPT_IN_FLOW = [`${OPT_IN}.type`, `${OPT_IN}.imageUrls`];
const POLICY_URLS = [`${C}.privacyPolicyUrl`, `${C}.termsAndConditionsUrl`];

function final(title: string): RejectionCode {
  return { title, resubmittable: false, paths: [] };
}

function fixable(title: string, paths: string[] = []): RejectionCode {
  return { title, resubmittable: true, paths };
}

function finalContent(category: string): RejectionCode {
  return { title: `Disallowed: ${category}`, resubmittable: false,
    paths: [`${C}.useCase.summary`, SAMPLES] };
}

/** Every rejection code in Twilio's table, by code. */
export const REJECTION_CODES: Record<number, RejectionCode> = {
  30437: fixable("Edit time expired"),
  30440: final("Unknown error"),
  30441: finalContent("SHAFT - Sex"),
  30442: final("Business associated with a known spam campaign"),
  30443: finalContent("Loan marketing"),
  30444: final("High risk: fraud"),
  30445: fixable("Could not verify business", BUSINESS_IDENTITY),
  30446: fixable("Opt-in not sufficient: express consent required", OPT_IN_FLOW),
  30447: final("Phone number not provisioned to Twilio"),
  30448: fixable("Age gate not present or not acceptable", [`${C}.ageGatedContent`,
    `${C}.ageGate`]),
  30449: fixable("High risk: public URL shortener in sample message", [SAMPLES]),
  30451: fixable("Address is invalid", ADDRESS),
  30452: fixable("Email is invalid", [`${C}.notificationEmail`,
    `${BUSINESS}.contact.email`]),
  30455: finalContent("SHAFT - Hate"),
  30456: finalContent("SHAFT - Alcohol"),
  30457: finalContent("SHAFT - Firearms"),
  30458: finalContent("SHAFT - Tobacco and vape"),
  30459: finalContent("SHAFT - Cannabis and CBD"),
  30460: finalContent("Third-party debt collection"),
  30461: finalContent("Gambling"),
  30462: finalContent("Sweepstakes"),
  30463: finalContent("Stock alerts"),
  30464: finalContent("Cryptocurrency"),
  30465: finalContent("Risk investment"),
  30466: finalContent("Debt reduction"),
  30467: finalContent("Credit repair"),
  30468: finalContent("Third-party lead generation"),
  30469: finalContent("Illegal substances"),
  30470: final("High risk lead generation: deceptive marketing"),
  30471: fixable("High risk: non-secured URL in sample message", [SAMPLES]),
  30472: fixable("Business information not valid", BUSINESS_IDENTITY),
  30473: fixable("Cannot validate business website URL", [`${BUSINESS}.website`]),
  30474: fixable("Need end business", BUSINESS_IDENTITY),
  30475: fixable("Opt-in not sufficient: cannot combine consent with requirement for service",
    OPT_IN_FLOW),
  30476: fixable("Opt-in not provided", OPT_IN_FLOW),
  30477: fixable("Opt-in not sufficient: third-party information sharing not allowed",
    OPT_IN_FLOW),
  30478: fixable("Single phone number used for multiple businesses", ["spec.number"]),
  30479: fixable("Justification needed for more than 5 toll-free numbers per business",
    [`${C}.useCase.additionalInformation`]),
  30480: final("Business associated with a known phishing campaign"),
  30481: final("Customer requested cancellation"),
  30482: fixable("Business email must use an official domain", [`${C}.notificationEmail`,
    `${BUSINESS}.contact.email`]),
  30483: fixable("Contact must be a business representative", [
    `${BUSINESS}.contact.firstName`, `${BUSINESS}.contact.lastName`,
    `${BUSINESS}.contact.email`]),
  30484: fixable("Business name and official records do not match", [`${BUSINESS}.legalName`,
    ...REGISTRATION]),
  30485: fixable("Official business registration documents required", REGISTRATION),
  30486: fixable("HELP keyword response must meet requirements", [`${C}.helpMessage`]),
  30487: fixable("Charitable organization must provide 501(c)(3) verification", [
    `${BUSINESS}.type`, ...REGISTRATION]),
  30488: fixable("Doing Business As (DBA) name must be accurately provided", [
    `${BUSINESS}.doingBusinessAs`]),
  30489: fixable("Website must be established and active", [`${BUSINESS}.website`]),
  30490: fixable("Social platform must be established and active", [`${BUSINESS}.website`]),
  30491: fixable("Website is password-protected or requires login", [`${BUSINESS}.website`]),
  30492: fixable("Business website URL must display branding", [`${BUSINESS}.website`]),
  30493: fixable("Privacy policy or terms URL missing or inaccessible", POLICY_URLS),
  30494: fixable("ISV or reseller name must be provided"),
  30495: fixable("Projected message volume exceeds use case limits", [
    `${C}.useCase.monthlyVolume`]),
  30496: fixable("Use case and use case summary are inconsistent", [`${C}.useCase.categories`,
    `${C}.useCase.summary`]),
  30497: fixable("Use case summary is incomplete", [`${C}.useCase.summary`]),
  30498: fixable("Opt-in workflow must match submission details", OPT_IN_FLOW),
  30499: fixable("Message content doesn't align with use case", [SAMPLES,
    `${C}.useCase.categories`]),
  30501: fixable("Political campaigns must have a Campaign Verify token", [`${C}.vetting`]),
  30502: fixable("Political campaigns must submit FEC ID", [`${C}.vetting`]),
  30503: fixable("Confirmation message missing required details", [
    `${OPT_IN}.confirmationMessage`]),
  30504: fixable("Single opt-in cannot cover multiple use cases", [`${C}.useCase.categories`,
    `${OPT_IN}.type`]),
  30505: fixable("Opt-in must be optional, not mandatory", OPT_IN_FLOW),
  30506: fixable("Opt-ins must clearly reflect end business", OPT_IN_FLOW),
  30507: fixable("Opt-in does not match use case", [...OPT_IN_FLOW, `${C}.useCase.categories`]),
  30508: fixable("Pre-selected opt-in checkbox is not allowed", [`${OPT_IN}.imageUrls`]),
  30509: fixable("Opt-in URL not accessible", [`${OPT_IN}.imageUrls`]),
  30510: fixable("Opt-in example must be complete and branded", [`${OPT_IN}.imageUrls`]),
  30511: fixable("Verbal consent script must be provided", [`${OPT_IN}.verbalScript`]),
  30512: fixable("Age gate required for age-restricted content", [`${C}.ageGatedContent`,
    `${C}.ageGate`]),
  30513: fixable("Opt-in not sufficient: language unclear", OPT_IN_FLOW),
  30515: fixable("Valid opt-in required for all submissions", OPT_IN_FLOW),
  30516: fixable("Double opt-in required for this use case", [`${OPT_IN}.confirmationMessage`]),
  30517: fixable("Shopping cart reminders must follow specific guidelines", [SAMPLES]),
  30518: fixable("Call-to-action missing required disclosures", OPT_IN_FLOW),
  30519: fixable("Privacy policy required for personal data collection", [
    `${C}.privacyPolicyUrl`]),
  30520: fixable("Privacy policy mentions sharing opt-in data", [`${C}.privacyPolicyUrl`]),
  30521: fixable("Opt-in data cannot be shared with third parties", [`${C}.privacyPolicyUrl`]),
  30522: fixable("SMS terms must be accessible and compliant", [`${C}.termsAndConditionsUrl`]),
  30523: final("High-risk domain reputation detected"),
  30524: final("Potential fraud risk identified"),
  30525: { title: "Public URL shorteners not allowed", resubmittable: false, paths: [SAMPLES] },
  30526: final("High-risk domain issues"),
  30527: fixable("Business Registration Number is missing or invalid", REGISTRATION),
  30528: final("Disallowed: non-federally compliant use case"),
  30529: { title: "Disallowed: alcohol promotions without age verification",
    resubmittable: false, paths: [`${C}.ageGatedContent`, `${C}.ageGate`] },
};
