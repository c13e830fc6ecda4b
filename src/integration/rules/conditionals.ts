import type { Finding, Rule } from "../rule";
import { quoteValue } from "../yaml-value";

const C = "spec.compliance";

/**
 * Registration number, authority and country, unless a sole proprietor. Twilio's spec marks
 * them optional, but review rejects their absence (30527; Twilio requires them on new
 * submissions from January 2026).
 */
export const registrationRequired: Rule = {
  id: "registration-required",
  severity: "error",
  code: 30527,
  description: "Registration number, authority and country are set unless SOLE_PROPRIETOR.",
  check: ({ spec: { compliance: { business } } }) => {
    if (business.type === "SOLE_PROPRIETOR") return [];
    const registration = business.registration ?? {};
    const fields = ["number", "authority", "country"] as const;
    return fields.filter((field) => registration[field] === undefined).map((field) => ({
      path: `${C}.business.registration.${field}`,
      problem: `is missing for a ${business.type} business`,
      fix: `add registration.${field} (e.g. number: "84-1234567", authority: EIN, country: US)`,
    }));
  },
};

/** A VERBAL opt-in needs the script that is read to the person (30511). */
export const verbalScript: Rule = {
  id: "verbal-script",
  severity: "error",
  code: 30511,
  description: "A VERBAL opt-in has its consent script in optIn.verbalScript.",
  check: ({ spec: { compliance: { optIn } } }) =>
    optIn.type === "VERBAL" && optIn.verbalScript === undefined
      ? [{ path: `${C}.optIn.verbalScript`, problem: "is missing for a VERBAL opt-in",
        fix: "add verbalScript: the exact words read to the person, naming the business, "
          + "message frequency, rates, STOP and HELP" }]
      : [],
};

// Twilio's own opt-out, opt-in and help keywords: a customer keyword cannot be one of them.
const RESERVED_KEYWORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
  "REVOKE", "OPTOUT", "START", "YES", "UNSTOP", "HELP", "INFO"]);

/** A VIA_TEXT opt-in needs the keywords people text; none may be a Twilio keyword. */
export const textKeywords: Rule = {
  id: "text-keywords",
  severity: "error",
  description: "A VIA_TEXT opt-in lists its keywords, none of them a Twilio reserved keyword.",
  check: ({ spec: { compliance: { optIn } } }) => {
    if (optIn.type === "VIA_TEXT" && optIn.keywords === undefined) {
      return [{ path: `${C}.optIn.keywords`, problem: "is missing for a VIA_TEXT opt-in",
        fix: "add keywords: the words people text to join, e.g. [TREATS]" }];
    }
    return (optIn.keywords ?? []).flatMap((keyword, index): Finding[] =>
      RESERVED_KEYWORDS.has(keyword.trim().toUpperCase())
        ? [{ path: `${C}.optIn.keywords[${index}]`,
          problem: `${quoteValue(keyword)} is one of Twilio's opt-out, opt-in or help keywords`,
          fix: "choose a keyword of the business's own, e.g. its brand" }]
        : []);
  },
};

// Campaign Verify tokens are six pipe-separated fields: cv|1.0|mno|tfree|<uuid>|<signature>.
const CAMPAIGN_VERIFY_TOKEN = /^cv\|1\.0\|[^|]+\|[^|]+\|[0-9a-fA-F-]{36}\|[^|]+$/;

/** Political campaigns need a Campaign Verify token (30501). */
export const politicalVetting: Rule = {
  id: "political-vetting",
  severity: "error",
  code: 30501,
  description: "POLITICAL_ELECTION_CAMPAIGNS has vetting: {provider: CAMPAIGN_VERIFY, id}.",
  check: ({ spec: { compliance } }) => {
    if (!compliance.useCase.categories.includes("POLITICAL_ELECTION_CAMPAIGNS")) return [];
    const { vetting } = compliance;
    if (vetting === undefined) {
      return [{ path: `${C}.vetting`, problem: "is missing for POLITICAL_ELECTION_CAMPAIGNS",
        fix: "add vetting: {provider: CAMPAIGN_VERIFY, id: <Campaign Verify token>}" }];
    }
    if (CAMPAIGN_VERIFY_TOKEN.test(vetting.id)) return [];
    return [{ path: `${C}.vetting.id`,
      problem: `${quoteValue(vetting.id)} is not a Campaign Verify token`,
      fix: "paste the whole token, cv|1.0|mno|tfree|<uuid>|<signature>" }];
  },
};

/** Age-gated content needs evidence of a date-of-birth gate (30448). */
export const ageGateEvidence: Rule = {
  id: "age-gate-evidence",
  severity: "error",
  code: 30448,
  description: "ageGatedContent: true comes with ageGate: {method: DATE_OF_BIRTH, evidenceUrl}.",
  check: ({ spec: { compliance } }) =>
    compliance.ageGatedContent && compliance.ageGate === undefined
      ? [{ path: `${C}.ageGate`, problem: "is missing while ageGatedContent is true",
        fix: "add ageGate: {method: DATE_OF_BIRTH, evidenceUrl: <https page showing the gate>}"
          + "; a yes/no age question is rejected" }]
      : [],
};
