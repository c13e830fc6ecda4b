import type { RejectionReason, VerificationOutputs } from "../providers/verification";

/**
 * Reading the resources of a Pulumi deployment: what `pulumi stack export` prints
 * (`{version, deployment: {resources}}`) and what the file backend keeps after each update
 * (`{version, checkpoint: {latest: {resources}}}`). Only the fields this project reads are
 * typed; anything else in the state is ignored, so newer engines stay readable.
 */

/** The type token of a verification resource: dynamic provider module `twilio`, `Verification`. */
export const VERIFICATION_TYPE = "pulumi-nodejs:dynamic/twilio:Verification";

/** The type token of the stack's root resource, which holds the stack outputs. */
export const STACK_TYPE = "pulumi:pulumi:Stack";

/** A resource as the state stores it. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/**
 * A verification as the last update or refresh left it in state: the provider's outputs, read
 * tolerantly (`file` may be missing from state written before it was recorded).
 */
export type VerificationState = Pick<
  VerificationOutputs,
  | "integration"
  | "sid"
  | "status"
  | "rejectionReasons"
  | "editAllowed"
  | "editExpiration"
  | "submittedAt"
  | "submittedDigest"
  | "adopted"
> & { file: string | null };

/** The resources of an export or a checkpoint; an empty list when the stack has none. */
export function resourcesOf(document: unknown): StateResource[] {
  const root = asRecord(document);
  const deployment = asRecord(root.deployment ?? asRecord(root.checkpoint).latest);
  const resources = deployment.resources;
  return Array.isArray(resources) ? (resources as StateResource[]) : [];
}

/** The time the engine wrote a deployment (`manifest.time`), when it says. */
export function manifestTime(document: unknown): string | null {
  const root = asRecord(document);
  const deployment = asRecord(root.deployment ?? asRecord(root.checkpoint).latest);
  const time = asRecord(deployment.manifest).time;
  return typeof time === "string" ? time : null;
}

/** The stack outputs, held by the root stack resource. */
export function stackOutputsOf(resources: StateResource[]): Record<string, unknown> {
  const stack = resources.find((r) => r.type === STACK_TYPE);
  return asRecord(plainValue(stack?.outputs));
}

/** Each verification in the deployment, by integration name. */
export function verificationsOf(resources: StateResource[]): Map<string, VerificationState> {
  const found = new Map<string, VerificationState>();
  for (const resource of resources) {
    if (resource.type !== VERIFICATION_TYPE) continue;
    const outputs = asRecord(plainValue(resource.outputs));
    const integration = asText(outputs.integration);
    if (!integration || found.has(integration)) continue;
    found.set(integration, verificationState(integration, outputs, resource.id));
  }
  return found;
}

function verificationState(
  integration: string,
  outputs: Record<string, unknown>,
  id: string | undefined,
): VerificationState {
  return {
    integration,
    file: asText(outputs.file),
    sid: asText(outputs.sid) ?? id ?? "",
    status: asText(outputs.status) ?? "UNKNOWN",
    rejectionReasons: rejectionReasonList(outputs.rejectionReasons),
    editAllowed: typeof outputs.editAllowed === "boolean" ? outputs.editAllowed : null,
    editExpiration: asText(outputs.editExpiration),
    submittedAt: asText(outputs.submittedAt),
    submittedDigest: asText(outputs.submittedDigest),
    adopted: outputs.adopted === true,
  };
}

/** Rejection reasons as the verification outputs hold them; malformed entries are dropped. */
export function rejectionReasonList(value: unknown): RejectionReason[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const r = asRecord(item);
    const paths = Array.isArray(r.paths) ? r.paths.filter((p) => typeof p === "string") : [];
    return { code: Number(r.code), reason: asText(r.reason) ?? "", paths };
  }).filter((r) => Number.isFinite(r.code));
}

/** Marks a secret in state: Pulumi's `4dabf18193072939515e22adb298388d` signature key. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * A state value with its secrets opened where the state carries them in plain text
 * (`pulumi stack export --show-secrets`), and replaced by `"[secret]"` where it carries only
 * ciphertext (checkpoints), so no reader ever handles ciphertext as data.
 */
export function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value !== "object" || value === null) return value;

  const object = value as Record<string, unknown>;
  if (object[SECRET_SIG_KEY] === SECRET_SIG) {
    if (typeof object.plaintext !== "string") return "[secret]";
    return plainValue(JSON.parse(object.plaintext));
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, plainValue(v)]));
}

/** A state value as a mapping; `{}` for anything else. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>) : {};
}

/** A state value as a non-empty string, else null. */
export function asText(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
