import type { Finding, Rule } from "../rule";
import type { Compliance } from "../schema";
import { quoteValue } from "../yaml-value";
import { messageTexts, type PathText } from "./texts";

/** Longest message body Twilio sends: "Can be up to 1,600 characters" (Messages API `Body`). */
export const MAX_MESSAGE_LENGTH = 1600;

/** Longest Campaign Verify token Twilio stores (`vetting_id`, maxLength 500). */
export const MAX_VETTING_ID_LENGTH = 500;

interface Limit {
  max: number;
  /** Where the limit comes from, as the message cites it. */
  source: string;
  texts(compliance: Compliance): readonly PathText[];
}

/**
 * The length limits Twilio documents for what the file sends, from its OpenAPI descriptions
 * (twilio-oai: api v2010 `Body`, messaging v1 `vetting_id`). The Toll-Free Verification request
 * parameters carry no maxLength at all, so the summary and other explanations have no limit of
 * their own here; the file size limit (MAX_FILE_BYTES) bounds them.
 */
const LIMITS: readonly Limit[] = [
  { max: MAX_MESSAGE_LENGTH, texts: messageTexts,
    source: `Twilio sends a message body of at most ${format(MAX_MESSAGE_LENGTH)} characters` },
  { max: MAX_VETTING_ID_LENGTH, texts: vettingId,
    source: `Twilio stores a vetting id of at most ${format(MAX_VETTING_ID_LENGTH)} characters` },
];

function vettingId({ vetting }: Compliance): PathText[] {
  return vetting ? [{ path: "spec.compliance.vetting.id", text: vetting.id }] : [];
}

function characters(count: number): string {
  return `${format(count)} character${count === 1 ? "" : "s"}`;
}

// "1,600": written out, since toLocaleString's first call loads locale data (about 10 ms).
function format(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ",");
}

/**
 * Texts within the length Twilio accepts for them. Lengths are counted in UTF-16 code units, as
 * JavaScript and the emulator's Messages API count them.
 */
export const textLength: Rule = {
  id: "text-length",
  severity: "error",
  description: `Messages have at most ${format(MAX_MESSAGE_LENGTH)} characters and a vetting `
    + `id at most ${format(MAX_VETTING_ID_LENGTH)}, the lengths Twilio documents.`,
  check: ({ spec: { compliance } }) => LIMITS.flatMap(({ max, source, texts }) =>
    texts(compliance).filter(({ text }) => text.length > max).map(({ path, text }): Finding => ({
      path,
      problem: `${quoteValue(text)} is ${format(text.length)} characters, over the limit: `
        + source,
      fix: `shorten it by at least ${characters(text.length - max)}`,
    }))),
};
