import { addSeconds, nowIso } from "./dates";
import { allResubmittable, findRejections, rejectionTitle } from "./review-rules";
import { newSid } from "./sids";
import type { EmulatorStore, RejectionReason, VerificationRecord, VerificationStatus } from "./store";

/** "Twilio sets this property value to seven days" (toll-free onboarding guide). */
export const EDIT_WINDOW_SECONDS = 7 * 24 * 3600;

/** A review outcome, as `POST /_emulator/verifications/{sid}/review` takes it. */
export interface ReviewDecision {
  status: VerificationStatus;
  rejectionReasons?: Array<{ code: number; reason?: string }>;
  /** Defaults to whether every rejection code is resubmittable. */
  editAllowed?: boolean;
  /** Defaults to seven days after the rejection; set it in the past to test expiry. */
  editExpiration?: string;
}

/**
 * Moves a verification to a review status. A rejection fills `rejection_reasons`,
 * `rejection_reason` and `error_code` (the first reason), `edit_allowed` and
 * `edit_expiration`; every other status clears them, as the spec's examples show them null
 * while not rejected. Approval attaches the Trust Hub trust product and regulated item.
 */
export function applyReview(record: VerificationRecord, decision: ReviewDecision): void {
  const now = nowIso();
  record.status = decision.status;
  record.dateUpdated = now;
  if (decision.status === "TWILIO_REJECTED") {
    const reasons: RejectionReason[] = (decision.rejectionReasons ?? [{ code: 30440 }]).map(
      ({ code, reason }) => ({ code, reason: reason ?? rejectionTitle(code) }),
    );
    record.rejectionReasons = reasons;
    record.editAllowed = decision.editAllowed ?? allResubmittable(reasons.map((r) => r.code));
    record.editExpiration = decision.editExpiration ?? addSeconds(now, EDIT_WINDOW_SECONDS);
    return;
  }
  record.rejectionReasons = null;
  record.editAllowed = null;
  record.editExpiration = null;
  if (decision.status === "TWILIO_APPROVED") {
    record.trustProductSid ??= newSid("BU");
    record.regulatedItemSid ??= newSid("RA");
  }
}

/**
 * The optional automatic review for demos: PENDING_REVIEW → IN_REVIEW halfway through the
 * delay, then TWILIO_APPROVED, or TWILIO_REJECTED when a shared compliance rule trips.
 * Each (re)submission starts a new round, so the steps of an earlier round are ignored.
 */
export class ReviewScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout[]>();

  constructor(
    private readonly store: EmulatorStore,
    private readonly seconds: number | undefined,
    private readonly changed: () => void,
  ) {}

  schedule(sid: string): void {
    if (this.seconds === undefined) return;
    this.cancel(sid);
    const delayMs = Math.max(0, this.seconds * 1000);
    this.timers.set(sid, [
      this.step(delayMs / 2, sid, (record) => {
        if (record.status === "PENDING_REVIEW") applyReview(record, { status: "IN_REVIEW" });
      }),
      this.step(delayMs, sid, (record) => this.decide(record)),
    ]);
  }

  cancel(sid: string): void {
    for (const timer of this.timers.get(sid) ?? []) clearTimeout(timer);
    this.timers.delete(sid);
  }

  cancelAll(): void {
    for (const sid of [...this.timers.keys()]) this.cancel(sid);
  }

  private step(delayMs: number, sid: string, apply: (record: VerificationRecord) => void) {
    const timer = setTimeout(() => {
      const record = this.store.verifications.get(sid);
      if (!record) return;
      apply(record);
      this.changed();
    }, delayMs);
    timer.unref();
    return timer;
  }

  private decide(record: VerificationRecord): void {
    this.timers.delete(record.sid);
    if (record.status !== "PENDING_REVIEW" && record.status !== "IN_REVIEW") return;
    const rejections = findRejections(record);
    applyReview(
      record,
      rejections.length
        ? { status: "TWILIO_REJECTED", rejectionReasons: rejections }
        : { status: "TWILIO_APPROVED" },
    );
  }
}
