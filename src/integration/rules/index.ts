import type { Rule } from "../rule";
import { addressFormat } from "./address";
import { noHiddenCharacters } from "./characters";
import {
  ageGateEvidence, politicalVetting, registrationRequired, textKeywords, verbalScript,
} from "./conditionals";
import { contactIsPerson, freeMailEmail } from "./contacts";
import { textLength } from "./lengths";
import { httpsLinks, linkDomain, noUrlShortener, optInUrlPublic } from "./links";
import {
  disallowedContent, helpReplyYes, mixedConsent, sampleNamesBusiness, sampleOptOut,
  useCaseSummaryLength,
} from "./messages";
import { numberTollFree, phoneE164, purchaseAreaCode } from "./numbers";

/**
 * The named rules run on every integration that has a valid shape, in this order. Cross-file
 * rules (`unique-number`, `unique-name`, `file-name`) run in the loader.
 */
export const RULES: readonly Rule[] = [
  phoneE164, numberTollFree, purchaseAreaCode,
  registrationRequired, addressFormat, verbalScript, textKeywords, politicalVetting,
  ageGateEvidence,
  sampleNamesBusiness, sampleOptOut, noUrlShortener, httpsLinks, linkDomain, optInUrlPublic,
  freeMailEmail, contactIsPerson, useCaseSummaryLength, mixedConsent, helpReplyYes,
  disallowedContent, noHiddenCharacters, textLength,
];
