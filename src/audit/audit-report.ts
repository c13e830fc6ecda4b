import type { VerificationState } from "../status/deployment";
import type { CommitGraph } from "./commit-graph";
import { type FileVersion, readFileVersions } from "./file-versions";
import { readStackHistory } from "./stack-history";
import { type Submission, submissionsOf } from "./submissions";

/** One version of the file in the audit, with the submissions that sent it to Twilio. */
export interface AuditVersion extends FileVersion {
  submissions: Submission[];
}

/** The audit trail of one integration: its file's history joined with the stack's. */
export interface AuditReport {
  integration: string;
  /** The file's path now (or when it was deleted). */
  file: string;
  stack: string;
  /** Oldest first. */
  versions: AuditVersion[];
  /** Submissions whose request matches no committed version (sent from a working tree). */
  unmatched: Submission[];
  /** The verification as the stack last saw it; null when the stack has none. */
  current: VerificationState | null;
  /** Why there is no stack history, when there is none. */
  stackHistoryMissing?: string;
}

/** Where to read the audit from. */
export interface AuditSource {
  /** The git work tree. */
  repo: string;
  /** The integration file, relative to `repo`. */
  file: string;
  integration: string;
  /** The folder of the stack's `file://` backend. */
  stateDir: string;
  project: string;
  stack: string;
}

/**
 * Builds the audit trail: every committed version of the file (who, when, which pull request,
 * which compliance fields changed), each submission of the verification the stack recorded,
 * matched to the version whose request has the same digest, and Twilio's decision on it.
 */
export async function buildAuditReport(source: AuditSource): Promise<AuditReport> {
  const [{ versions, graph }, history] = await Promise.all([
    readFileVersions(source.repo, source.file),
    readStackHistory(source.stateDir, source.project, source.stack, source.integration),
  ]);

  const audit: AuditVersion[] = versions.map((v) => ({ ...v, submissions: [] }));
  const unmatched: Submission[] = [];
  for (const submission of submissionsOf(history.updates)) {
    const version = versionOf(submission, audit, graph);
    if (version) version.submissions.push(submission);
    else unmatched.push(submission);
  }

  const last = history.updates[history.updates.length - 1];
  return {
    integration: source.integration, file: source.file, stack: source.stack,
    versions: audit, unmatched, current: last?.verification ?? null,
    ...(history.missing ? { stackHistoryMissing: history.missing } : {}),
  };
}

/**
 * The version a submission sent: among the versions with its digest, the newest one in the
 * history of the commit the update ran at; without that commit (a foreign history) or when
 * the update ran on uncommitted changes, the newest one committed before the submission, else
 * the newest with the digest.
 */
function versionOf(
  submission: Submission,
  versions: AuditVersion[],
  graph: CommitGraph,
): AuditVersion | undefined {
  if (!submission.digest) return undefined;
  const candidates = versions.filter((v) => v.digest === submission.digest).reverse();
  const head = submission.update.gitHead;
  if (head && graph.commits.has(head)) {
    const found = candidates.find((v) => graph.isAncestor(v.commit, head));
    // A clean tree sent exactly what `head` holds; a dirty one may have sent a later commit.
    if (found || submission.update.gitDirty !== true) return found;
  }
  const sentAt = Date.parse(submission.submittedAt ?? submission.update.time);
  return candidates.find((v) => Date.parse(v.date) <= sentAt) ?? candidates[0];
}
