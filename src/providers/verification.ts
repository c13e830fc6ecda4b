import type * as pulumi from "@pulumi/pulumi";
import type { Twilio } from "twilio";
import type {
  TollfreeVerificationInstance,
  TollfreeVerificationListInstanceCreateOptions as CreateOptions,
} from "twilio/lib/rest/messaging/v1/tollfreeVerification";

import { REJECTION_CODES } from "../compliance/rejection-codes";
import { createTwilioClient } from "../twilio/client";
import { snapshot } from "./account-snapshot";
import { isOtherOwner } from "./owner-label";
import { payloadDigest } from "./payload-digest";
import { PlanError } from "./plan-error";
import { withQuietErrors } from "./quiet-errors";
import { containsUnknown } from "./unknown";

/** Request fields as twilio-node names them (`businessName`, `useCaseCategories`, ...). */
export type VerificationFields = Record<string, string | string[] | boolean | undefined>;

/** The explicit, named opt-in that lets a verification Twilio will not edit be replaced. */
export interface Resubmission {
  allowNewVerification: boolean;
  reason?: string;
}

/** Inputs of a verification resource. */
export interface VerificationInputs {
  integration: string;
  /** The owner label (`owner-label.ts`), sent as the verification's ExternalReferenceId. */
  owner: string;
  /** The integration file, relative to the repository, for messages. */
  file: string;
  /** The toll-free number's SID (PN...): Twilio keeps one verification per number. */
  numberSid: string;
  /** Everything of the verification request but contact details and registration number. */
  request: VerificationFields;
  /** Contact details and registration number: a Pulumi secret in state. */
  contact: VerificationFields;
  resubmission?: Resubmission;
}

/** One reason Twilio gave for a rejection, with the YAML paths it concerns where known. */
export interface RejectionReason {
  code: number;
  reason: string;
  paths: string[];
}

/** Outputs of a verification resource: the inputs and Twilio's view of the verification. */
export interface VerificationOutputs extends VerificationInputs {
  sid: string;
  status: string;
  rejectionReasons: RejectionReason[];
  editAllowed: boolean | null;
  editExpiration: string | null;
  /** When the request in state was last sent to Twilio (create, edit or resubmission). */
  submittedAt: string | null;
  /** {@link payloadDigest} of the request last sent to Twilio, for the audit trail. */
  submittedDigest: string | null;
  /** True for a verification found at Twilio and kept as it was, not submitted from here. */
  adopted: boolean;
}

type Inputs = VerificationInputs;
type Outputs = VerificationOutputs;

/**
 * A toll-free verification, submitted from the integration file and kept in step with it.
 *
 * Twilio accepts an edit only of a rejected verification that allows it, before its edit
 * window closes (seven days; twilio-reference.md 1.5). Any other change fails the plan with
 * what to do, never becoming a silent delete and recreate, which would lose the verification's
 * place in review. The file's `spec.compliance.resubmission.allowNewVerification` opts in to
 * replacing a verification Twilio will not edit. Removing the integration never deletes the
 * verification at Twilio: it stays with the number.
 */
export const provider: pulumi.dynamic.ResourceProvider<Inputs, Outputs> = withQuietErrors({
  async check(_olds, news) {
    return { inputs: news };
  },

  async diff(_id, olds, news) {
    const changed = changedFields(olds, news);
    const optInChanged = !sameValue(olds.resubmission, news.resubmission);
    if (!changed.length) return { changes: optInChanged };
    if (containsUnknown(news)) return { changes: true };

    const live = await createTwilioClient().messaging.v1.tollfreeVerifications(olds.sid).fetch();
    planChange(live, news, changed);
    return { changes: true, replaces: [], deleteBeforeReplace: false };
  },

  async create(inputs) {
    const client = createTwilioClient();
    snapshot.forget();

    const [existing] = await client.messaging.v1.tollfreeVerifications.list({
      tollfreePhoneNumberSid: inputs.numberSid,
      limit: 1,
    });
    if (existing) return adopt(client, existing, inputs);

    const created = await submit(client, inputs);
    return { id: created.sid, outs: outputsOf(inputs, created, { submitted: true }) };
  },

  async read(id, props) {
    if (!props) {
      throw new Error("a verification cannot be imported; it is adopted when its number is");
    }
    const live = await snapshot.verification(createTwilioClient(), props.sid);
    if (!live) return {};

    const outs = outputsOf(props, live, { submitted: false, previous: props });
    // ReadResult types `inputs` as the outputs type; the engine takes any property map.
    return { id, props: outs, inputs: inputsOf(props) as Outputs };
  },

  async update(_id, olds, news) {
    const changed = changedFields(olds, news);
    if (!changed.length) return { outs: { ...olds, ...news } };

    const client = createTwilioClient();
    snapshot.forget();
    const live = await client.messaging.v1.tollfreeVerifications(olds.sid).fetch();
    const action = planChange(live, news, changed);

    const next =
      action === "edit"
        ? await client.messaging.v1.tollfreeVerifications(olds.sid).update({
            ...payload(news),
            editReason: news.resubmission?.reason ?? `Updated ${changed.join(", ")}`,
          })
        : await resubmit(client, olds.sid, news);
    return { outs: outputsOf(news, next, { submitted: true }) };
  },

  async delete() {
    // Deleting a verification at Twilio cannot be undone and loses its review; removing an
    // integration must not do it as a side effect. The verification stays with the number.
  },
});

/** What a change of the request becomes at Twilio, or an error that says what is needed. */
function planChange(
  live: TollfreeVerificationInstance,
  news: Inputs,
  changed: string[],
): "edit" | "resubmit" {
  if (isEditable(live)) return "edit";
  if (news.resubmission?.allowNewVerification) return "resubmit";

  throw new PlanError(
    `${news.file}: spec.compliance: ${changed.join(", ")} changed, but verification ` +
      `${live.sid} is ${live.status}${editWindow(live)}, and Twilio accepts edits only of a ` +
      `rejected verification that allows them. ${remedy(live)}`,
  );
}

function isEditable(live: TollfreeVerificationInstance): boolean {
  if (live.status !== "TWILIO_REJECTED" || !live.editAllowed) return false;
  return !live.editExpiration || new Date(live.editExpiration).getTime() > Date.now();
}

function editWindow(live: TollfreeVerificationInstance): string {
  if (live.status !== "TWILIO_REJECTED") return "";
  if (!live.editAllowed) return " and Twilio does not allow it to be edited";
  return ` and its edit window closed at ${new Date(live.editExpiration).toISOString()}`;
}

function remedy(live: TollfreeVerificationInstance): string {
  const optIn =
    "set spec.compliance.resubmission.allowNewVerification: true (with a reason) to withdraw " +
    `${live.sid} and submit a new verification`;
  if (live.status === "PENDING_REVIEW" || live.status === "IN_REVIEW") {
    return `Revert the change and wait for Twilio's decision, or ${optIn}.`;
  }
  if (live.status === "TWILIO_APPROVED") {
    return `Revert the change to keep the approval, or ${optIn} (sending stops until approval).`;
  }
  return `Revert the change, or ${optIn}.`;
}

/**
 * Creates the number's verification. A create whose answer was lost is retried by the client and
 * then refused, since Twilio keeps one verification per number: the number's verification is
 * looked up, and taken when it carries this integration's reference.
 */
async function submit(client: Twilio, inputs: Inputs): Promise<TollfreeVerificationInstance> {
  try {
    return await client.messaging.v1.tollfreeVerifications.create({
      ...payload(inputs),
      tollfreePhoneNumberSid: inputs.numberSid,
      externalReferenceId: referenceOf(inputs),
    });
  } catch (err) {
    const [existing] = await client.messaging.v1.tollfreeVerifications.list({
      tollfreePhoneNumberSid: inputs.numberSid,
      limit: 1,
    });
    if (existing?.externalReferenceId === referenceOf(inputs)) return existing;
    throw err;
  }
}

/**
 * Replaces a verification Twilio will not edit, on the file's explicit opt-in. Twilio keeps one
 * verification per number, so the old one is deleted before the new one is created.
 */
async function resubmit(
  client: Twilio,
  sid: string,
  news: Inputs,
): Promise<TollfreeVerificationInstance> {
  await client.messaging.v1.tollfreeVerifications(sid).remove();
  return submit(client, news);
}

/**
 * Keeps a verification that already exists for the number. One this project submitted (a run
 * that died before it saved state) is simply taken over; one submitted elsewhere is kept as it
 * is and marked `adopted`, so the status shows it was not submitted from the file.
 */
async function adopt(
  client: Twilio,
  existing: TollfreeVerificationInstance,
  inputs: Inputs,
): Promise<{ id: string; outs: Outputs }> {
  if (isOtherOwner(existing.externalReferenceId, inputs.owner)) {
    throw new PlanError(
      `${inputs.file}: spec.compliance: the number's verification ${existing.sid} belongs to ` +
        `${existing.externalReferenceId}; remove that integration first.`,
    );
  }
  const ours = existing.externalReferenceId === referenceOf(inputs);
  if (ours || !isEditable(existing)) {
    const outs = outputsOf(inputs, existing, { submitted: ours });
    return { id: existing.sid, outs: { ...outs, adopted: !ours } };
  }

  const edited = await client.messaging.v1.tollfreeVerifications(existing.sid).update({
    ...payload(inputs),
    editReason: inputs.resubmission?.reason ?? "Resubmitted from the integration file",
  });
  return { id: existing.sid, outs: outputsOf(inputs, edited, { submitted: true }) };
}

/** Ties a verification to its stack and integration; Twilio echoes it back and lists by it. */
function referenceOf(inputs: Inputs): string {
  return inputs.owner;
}

/** The request as twilio-node takes it; its fields come from `toVerificationRequest`. */
function payload(inputs: Inputs): CreateOptions {
  return { ...inputs.request, ...inputs.contact } as unknown as CreateOptions;
}

function changedFields(olds: Inputs, news: Inputs): string[] {
  const before: VerificationFields = { ...olds.request, ...olds.contact };
  const after: VerificationFields = { ...news.request, ...news.contact };
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed = [...keys].filter((key) => !sameValue(before[key], after[key]));
  return olds.numberSid === news.numberSid ? changed.sort() : [...changed, "numberSid"].sort();
}

function outputsOf(
  inputs: Inputs,
  live: TollfreeVerificationInstance,
  how: { submitted: boolean; previous?: Outputs },
): Outputs {
  return {
    ...inputsOf(inputs),
    sid: live.sid,
    status: live.status,
    rejectionReasons: rejectionReasonsOf(live),
    editAllowed: live.editAllowed ?? null,
    editExpiration: live.editExpiration ? new Date(live.editExpiration).toISOString() : null,
    submittedAt: how.submitted
      ? new Date(live.dateUpdated ?? Date.now()).toISOString()
      : (how.previous?.submittedAt ?? null),
    submittedDigest: how.submitted
      ? payloadDigest({ ...inputs.request, ...inputs.contact })
      : (how.previous?.submittedDigest ?? null),
    adopted: how.previous?.adopted ?? false,
  };
}

/**
 * Twilio lists reasons as `rejection_reasons: [{code, reason}]`; older verifications carry only
 * `error_code` and `rejection_reason`. Each is mapped to the YAML paths its code concerns.
 */
function rejectionReasonsOf(live: TollfreeVerificationInstance): RejectionReason[] {
  const listed = Array.isArray(live.rejectionReasons) ? live.rejectionReasons : [];
  const reasons: { code: number; reason: string }[] = listed
    .map((r: { code?: unknown; reason?: unknown }) => ({
      code: Number(r.code),
      reason: String(r.reason ?? ""),
    }))
    .filter((r) => Number.isFinite(r.code));
  if (!reasons.length && live.errorCode) {
    reasons.push({ code: live.errorCode, reason: live.rejectionReason ?? "" });
  }

  return reasons.map((r) => ({
    ...r,
    reason: r.reason || REJECTION_CODES[r.code]?.title || "",
    paths: REJECTION_CODES[r.code]?.paths ?? [],
  }));
}

function inputsOf(value: Inputs): Inputs {
  const { integration, owner, file, numberSid, request, contact, resubmission } = value;
  return { integration, owner, file, numberSid, request, contact, resubmission };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
