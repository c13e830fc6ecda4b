import { REJECTION_CODES } from "../compliance/rejection-codes";
import type { Severity } from "./problem";
import type { Integration } from "./schema";

/** One thing a rule found, before it is located in the file. */
export interface Finding {
  /** YAML path of the offending value, e.g. `spec.compliance.useCase.messageSamples[0]`. */
  path: string;
  /** What is wrong, quoting the value. */
  problem: string;
  /** How to fix it. */
  fix: string;
  /** The Twilio rejection this predicts, when it differs from the rule's own. */
  code?: number;
}

/** A named check on one valid integration, beyond what the schema's shape can say. */
export interface Rule {
  /** Stable id, printed with every problem and used as the GitHub annotation title. */
  id: string;
  severity: Severity;
  /** The Twilio rejection code the rule predicts, if any. */
  code?: number;
  /** One sentence: what the rule asks for. */
  description: string;
  check(integration: Integration): Finding[];
}

/** `<path>: <problem> (Twilio rejection N[, final]); <fix>`: one line. */
export function findingMessage(finding: Finding, code: number | undefined): string {
  return `${finding.path}: ${finding.problem}${rejectionNote(code)}; ${finding.fix}`;
}

function rejectionNote(code: number | undefined): string {
  if (code === undefined) return "";
  const known = REJECTION_CODES[code];
  const final = known && !known.resubmittable ? ", which cannot be resubmitted" : "";
  return ` (Twilio rejection ${code}${final})`;
}
