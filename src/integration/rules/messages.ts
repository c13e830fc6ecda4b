import { findDisallowedContent } from "../../compliance/content";
import type { Finding, Rule } from "../rule";
import type { Compliance } from "../schema";
import type { UseCaseCategory } from "../../twilio/enums";
import { quoteValue } from "../yaml-value";
import { reviewedTexts, sampleTexts } from "./texts";

const C = "spec.compliance";

// "BrightSmile Family Dentistry LLC" and "brightsmile family dentistry" name the same brand:
// compare lower-case words, "&" read as "and", without the legal form at the end.
const LEGAL_FORM = / (llc|l l c|inc|incorporated|ltd|limited|corp|corporation|co|company|plc|pllc|llp|lp|gmbh)$/;

function words(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/&/g, " and ").replace(/[^a-z0-9]+/g, " ").trim();
}

function brandNames(compliance: Compliance): string[] {
  const { legalName, doingBusinessAs } = compliance.business;
  return [legalName, doingBusinessAs].filter((name) => name !== undefined).map(words)
    .flatMap((name) => [name, name.replace(LEGAL_FORM, "")])
    .filter((name) => name !== "");
}

/** Each sample names the business, so the recipient knows who texts them. */
export const sampleNamesBusiness: Rule = {
  id: "sample-names-business",
  severity: "error",
  description: "Each sample message names the business (legal name or doingBusinessAs).",
  check: ({ spec: { compliance } }) => {
    const brands = brandNames(compliance);
    const brand = compliance.business.doingBusinessAs ?? compliance.business.legalName;
    return sampleTexts(compliance).filter(({ text }) => {
      const said = ` ${words(text)} `;
      return !brands.some((name) => said.includes(` ${name} `));
    })
      .map(({ path, text }) => ({ path, problem: `${quoteValue(text)} does not name the business`,
        fix: `start it with the brand, e.g. "${brand}: …"` }));
  },
};

// Opt-out wording: an upper-case STOP, "reply/text <opt-out keyword>", or "opt out".
const OPT_OUT = [
  /\bSTOP(ALL)?\b/,
  /\b(reply|text|send)\s+["'“]?(stop|stopall|unsubscribe|cancel|end|quit|revoke|optout)\b/i,
  /\bopt[- ]?out\b/i,
  /\bunsubscribe\b/i,
];

/** Each sample tells the recipient how to stop the messages. */
export const sampleOptOut: Rule = {
  id: "sample-opt-out",
  severity: "error",
  description: "Each sample message carries opt-out wording such as \"Reply STOP to opt out\".",
  check: ({ spec: { compliance } }) => sampleTexts(compliance)
    .filter(({ text }) => !OPT_OUT.some((pattern) => pattern.test(text)))
    .map(({ path, text }) => ({ path, problem: `${quoteValue(text)} has no opt-out wording`,
      fix: "end it with \"Reply STOP to opt out.\"" })),
};

const REPLY_YES = /\b(reply|text|send|respond)(\s+with)?\s+["'“]?yes\b/i;

/**
 * On a toll-free number only START or UNSTOP lift a STOP: the carrier-level block ignores YES
 * (Twilio's toll-free opt-out handling), so a help text that says "reply YES" misleads.
 */
export const helpReplyYes: Rule = {
  id: "help-reply-yes",
  severity: "error",
  description: "The help message does not ask toll-free users to reply YES.",
  check: ({ spec: { compliance } }) => {
    const { helpMessage } = compliance;
    if (helpMessage === undefined || !REPLY_YES.test(helpMessage)) return [];
    return [{ path: `${C}.helpMessage`, problem: `${quoteValue(helpMessage)} asks to reply YES, `
      + "which does not re-subscribe on a toll-free number",
    fix: "say \"Reply START to resubscribe\" instead" }];
  },
};

/** Shortest use-case summary accepted: who gets what, and how they opted in, needs a sentence. */
export const MIN_SUMMARY_LENGTH = 60;

/** A use-case summary long enough to say what is sent, to whom, and how they opted in. */
export const useCaseSummaryLength: Rule = {
  id: "use-case-summary-length",
  severity: "error",
  code: 30497,
  description: `The use-case summary has at least ${MIN_SUMMARY_LENGTH} characters.`,
  check: ({ spec: { compliance: { useCase } } }) =>
    useCase.summary.length >= MIN_SUMMARY_LENGTH ? [] : [{
      path: `${C}.useCase.summary`,
      problem: `${quoteValue(useCase.summary)} is ${useCase.summary.length} characters, `
        + `under ${MIN_SUMMARY_LENGTH}`,
      fix: "say who receives which messages, how often, and how they opted in",
    }],
};

const TRANSACTIONAL: readonly UseCaseCategory[] = [
  "ACCOUNT_NOTIFICATIONS", "CUSTOMER_CARE", "DELIVERY_NOTIFICATIONS",
  "TWO_FACTOR_AUTHENTICATION", "FRAUD_ALERT_MESSAGING", "SECURITY_ALERT",
];

/** One opt-in covering marketing and transactional messages is rejected (30504). */
export const mixedConsent: Rule = {
  id: "mixed-consent",
  severity: "warning",
  code: 30504,
  description: "MARKETING is not mixed with transactional use cases under one opt-in.",
  check: ({ spec: { compliance: { useCase } } }) => {
    const mixed = useCase.categories.filter((category) => TRANSACTIONAL.includes(category));
    if (!useCase.categories.includes("MARKETING") || mixed.length === 0) return [];
    return [{ path: `${C}.useCase.categories`,
      problem: `MARKETING is mixed with ${mixed.join(", ")} under one opt-in`,
      fix: "collect marketing consent separately (its own unchecked box) or drop MARKETING" }];
  },
};

/** Content of categories Twilio never allows on toll-free; such rejections are final. */
export const disallowedContent: Rule = {
  id: "disallowed-content",
  severity: "error",
  description: "No text mentions a disallowed category (SHAFT, loans, gambling, crypto, debt…).",
  check: ({ spec: { compliance } }) => reviewedTexts(compliance).flatMap(({ path, text }) =>
    findDisallowedContent(text).map(({ keyword, code, category }): Finding => ({
      path, code,
      problem: `"${keyword}" is ${category} content, not allowed on toll-free`,
      fix: "remove it; if the business really sends this content, it cannot use toll-free SMS",
    }))),
};

