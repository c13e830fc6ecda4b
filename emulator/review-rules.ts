import { findDisallowedContent } from "../src/compliance/content";
import { findInsecureLinks, findShortenedLinks } from "../src/compliance/links";
import { REJECTION_CODES } from "../src/compliance/rejection-codes";
import type { RejectionReason, VerificationRecord } from "./store";

/** Twilio's title for a rejection code, from the table the linter shares. */
export function rejectionTitle(code: number): string {
  return REJECTION_CODES[code]?.title ?? `Rejected with code ${code}`;
}

/**
 * Whether every code lets the verification be edited (`edit_allowed`); a code missing from
 * the table is taken as final, as Twilio's own catch-all 30440 "Unknown error" is.
 */
export function allResubmittable(codes: number[]): boolean {
  return codes.every((code) => REJECTION_CODES[code]?.resubmittable ?? false);
}

/**
 * The rejections the automatic review finds in a verification, using the rules the linter also
 * runs (src/compliance): a public URL shortener in a sample message → 30449, an `http://` link
 * → 30471, disallowed content in the use case or samples → its category's code. No rejection
 * means approval.
 */
export function findRejections(record: VerificationRecord): RejectionReason[] {
  const samples = textOf(record, [
    "production_message_sample", "help_message_sample", "opt_in_confirmation_message",
  ]);
  const content = textOf(record, ["use_case_summary", "production_message_sample"]);
  const codes = [
    ...(findShortenedLinks(samples).length ? [30449] : []),
    ...(findInsecureLinks(samples).length ? [30471] : []),
    ...findDisallowedContent(content).map((hit) => hit.code),
  ];
  return [...new Set(codes)].map((code) => ({ code, reason: rejectionTitle(code) }));
}

function textOf(record: VerificationRecord, keys: string[]): string {
  return keys
    .map((key) => record.fields[key])
    .filter((value): value is string => typeof value === "string")
    .join("\n");
}
