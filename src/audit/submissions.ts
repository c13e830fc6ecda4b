import type { RejectionReason } from "../providers/verification";
import type { StackUpdate } from "./stack-history";

/** Statuses that are Twilio's decision, as opposed to a verification still in review. */
export const DECISIONS = ["TWILIO_APPROVED", "TWILIO_REJECTED"] as const;

/** A status of the verification, when the stack first saw it. */
export interface StatusSeen {
  status: string;
  /** When the update or refresh that first recorded it ran. */
  seenAt: string;
  rejectionReasons: RejectionReason[];
}

/** One request sent to Twilio (or a verification adopted as found), as the stack recorded it. */
export interface Submission {
  verificationSid: string;
  /** When it was sent; null for an adopted verification, which was not sent from here. */
  submittedAt: string | null;
  /** The digest of what was sent, to find the file version it came from. */
  digest: string | null;
  adopted: boolean;
  /** The update that sent it. */
  update: Pick<StackUpdate, "kind" | "time" | "gitHead" | "gitDirty">;
  /** Every status the stack saw while this submission was current, oldest first. */
  statuses: StatusSeen[];
  /** Twilio's decision on it: the first approval or rejection seen; null while in review. */
  decision: StatusSeen | null;
}

/**
 * The submissions of one integration's verification, oldest first, from the stack's updates:
 * a submission starts when the state shows a new `submittedAt` (or a new verification), and
 * its statuses are what later refreshes saw until the next submission.
 */
export function submissionsOf(updates: readonly StackUpdate[]): Submission[] {
  const submissions: Submission[] = [];
  let key: string | undefined;
  for (const update of updates) {
    const v = update.verification;
    if (!v || !v.sid) continue;

    const next = `${v.sid}|${v.submittedAt ?? "adopted"}`;
    if (next !== key) {
      key = next;
      submissions.push({
        verificationSid: v.sid, submittedAt: v.submittedAt, digest: v.submittedDigest,
        adopted: v.adopted, statuses: [], decision: null,
        update: { kind: update.kind, time: update.time, gitHead: update.gitHead,
          gitDirty: update.gitDirty },
      });
    }

    const current = submissions[submissions.length - 1]!;
    const last = current.statuses[current.statuses.length - 1];
    if (last?.status === v.status && sameReasons(last.rejectionReasons, v.rejectionReasons)) {
      continue;
    }
    const seen = { status: v.status, seenAt: update.time, rejectionReasons: v.rejectionReasons };
    current.statuses.push(seen);
    if (!current.decision && (DECISIONS as readonly string[]).includes(v.status)) {
      current.decision = seen;
    }
  }
  return submissions;
}

function sameReasons(a: readonly RejectionReason[], b: readonly RejectionReason[]): boolean {
  return JSON.stringify(a.map((r) => r.code)) === JSON.stringify(b.map((r) => r.code));
}
