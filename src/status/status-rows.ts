import { relative, resolve } from "node:path";

import type { LoadedIntegration } from "../integration/loader";
import { toVerificationRequest } from "../integration/verification-request";
import { payloadDigest } from "../providers/payload-digest";
import type { RejectionReason } from "../providers/verification";
import {
  asRecord, asText, rejectionReasonList, type StateResource, stackOutputsOf, verificationsOf,
} from "./deployment";

/** Where a YAML path of a rejection is written in the integration file. */
export interface Location {
  path: string;
  line: number;
  column: number;
}

/** A rejection reason with the places in the file it asks to fix. */
export interface LocatedReason extends RejectionReason {
  locations: Location[];
}

/** One integration as `status` shows it: the file joined with what the stack holds. */
export interface StatusRow {
  integration: string;
  /** The integration file, relative to the repository. */
  file: string | null;
  /** False when a file has no row in the stack yet: it is not deployed. */
  deployed: boolean;
  /** False when the stack holds an integration whose file is gone. */
  inFiles: boolean;
  phoneNumber: string | null;
  numberSid: string | null;
  agentId: string | null;
  smsUrl: string | null;
  verificationSid: string | null;
  verificationStatus: string | null;
  rejectionReasons: LocatedReason[];
  editAllowed: boolean | null;
  editExpiration: string | null;
  submittedAt: string | null;
  /** Whether the file's compliance payload is what was last submitted; null when unknown. */
  fileMatchesSubmitted: boolean | null;
  adopted: boolean;
}

/** What `status` shows for a stack. */
export interface StackStatus {
  stack: string;
  webhookUrl: string | null;
  rows: StatusRow[];
}

/**
 * Joins the stack's state with the integration files. Each row starts from the stack output
 * `integrations`, and its verification fields come from the verification resource itself:
 * `pulumi refresh` updates resources but does not run the program, so after a refresh only
 * the resources carry Twilio's latest decision, while stack outputs keep the last `up`'s.
 */
export function statusOf(
  stack: string,
  resources: StateResource[],
  files: LoadedIntegration[],
  repo: string,
): StackStatus {
  const outputs = stackOutputsOf(resources);
  const stackRows = asRecord(outputs.integrations);
  const verifications = verificationsOf(resources);
  const byName = new Map(files.map((f) => [f.name, f]));
  const names = [...new Set([...Object.keys(stackRows), ...byName.keys()])].sort();

  const rows = names.map((name): StatusRow => {
    const out = asRecord(stackRows[name]);
    const live = verifications.get(name);
    const loaded = byName.get(name);
    const deployed = name in stackRows || live !== undefined;
    const reasons = live?.rejectionReasons ?? rejectionReasonList(out.rejectionReasons);
    const submittedDigest = live?.submittedDigest ?? asText(out.submittedDigest);
    return {
      integration: name,
      file: loaded ? relative(repo, resolve(repo, loaded.file)) : asText(out.file),
      deployed,
      inFiles: loaded !== undefined,
      phoneNumber: asText(out.phoneNumber),
      numberSid: asText(out.numberSid),
      agentId: asText(out.agentId) ?? loaded?.integration.spec.agent.id ?? null,
      smsUrl: asText(out.smsUrl),
      verificationSid: live?.sid ?? asText(out.verificationSid),
      verificationStatus: live?.status ?? asText(out.verificationStatus),
      rejectionReasons: reasons.map((r) => ({ ...r, locations: locate(r.paths, loaded) })),
      editAllowed: live ? live.editAllowed : bool(out.editAllowed),
      editExpiration: live ? live.editExpiration : asText(out.editExpiration),
      submittedAt: live ? live.submittedAt : asText(out.submittedAt),
      fileMatchesSubmitted: matches(loaded, submittedDigest),
      adopted: live ? live.adopted : out.adopted === true,
    };
  });
  return { stack, webhookUrl: asText(outputs.webhookUrl), rows };
}

function locate(paths: string[], loaded: LoadedIntegration | undefined): Location[] {
  if (!loaded) return [];
  return paths.map((path) => ({ path, ...loaded.locate(path) }));
}

function matches(loaded: LoadedIntegration | undefined, digest: string | null): boolean | null {
  if (!loaded || !digest) return null;
  const request = toVerificationRequest(loaded.integration.spec.compliance);
  return payloadDigest(request as Record<string, unknown>) === digest;
}

function bool(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}
