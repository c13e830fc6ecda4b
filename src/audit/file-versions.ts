import { integrationSchema } from "../integration/schema";
import { decodeSource } from "../integration/source-text";
import { toVerificationRequest } from "../integration/verification-request";
import { parseYamlSource } from "../integration/yaml-source";
import { payloadDigest } from "../providers/payload-digest";
import { type CommitGraph, type Landing, readCommitGraph } from "./commit-graph";
import { complianceChanges, type FieldChange } from "./compliance-diff";
import { readRevisions } from "./file-contents";
import { type FileCommit, fileHistory } from "./file-history";

/** One committed version of an integration file, as the audit reports it. */
export interface FileVersion extends FileCommit {
  /** The mainline commit that brought this version in, with its pull request. */
  landing: Landing | null;
  /**
   * The digest of the verification request this version submits (see `payloadDigest`), the
   * same that a verification records when it is sent; null when the version is not a valid
   * integration (it could not have been submitted).
   */
  digest: string | null;
  /** Why there is no digest, when there is none. */
  problem?: string;
  /** The compliance fields that differ from the previous version; all of them for the first. */
  complianceChanges: FieldChange[];
}

/** The versions of one file, oldest first, and the commit graph they were read from. */
export interface FileVersions {
  versions: FileVersion[];
  graph: CommitGraph;
}

/**
 * Every committed version of the file at `path` in `repo`, oldest first, following renames:
 * four git processes in all (names, log, graph, contents), however long the history.
 */
export async function readFileVersions(repo: string, path: string): Promise<FileVersions> {
  const [history, graph] = await Promise.all([fileHistory(repo, path), readCommitGraph(repo)]);
  const commits = history.reverse();
  const contents = await readRevisions(repo, commits.filter((c) => c.change !== "deleted"));

  let at = 0;
  let previous: unknown = undefined;
  const versions = commits.map((commit): FileVersion => {
    const bytes = commit.change === "deleted" ? undefined : contents[at++];
    const parsed = parseVersion(bytes);
    const changes = complianceChanges(previous, parsed.value);
    previous = parsed.value;
    return { ...commit, landing: graph.landingOf(commit.commit) ?? null, digest: parsed.digest,
      ...(parsed.problem ? { problem: parsed.problem } : {}), complianceChanges: changes };
  });
  return { versions, graph };
}

interface ParsedVersion {
  value: unknown;
  digest: string | null;
  problem?: string;
}

function parseVersion(bytes: Buffer | undefined): ParsedVersion {
  if (!bytes) return { value: undefined, digest: null, problem: "the file does not exist" };
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return { value: undefined, digest: null, problem: decoded.message };

  const source = parseYamlSource(decoded.text);
  if (source.value === undefined) {
    return { value: undefined, digest: null, problem: "the file is not valid YAML" };
  }
  const parsed = integrationSchema.safeParse(source.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return { value: source.value, digest: null,
      problem: `not a valid integration (${where}${issue?.message ?? "invalid"})` };
  }

  const request = toVerificationRequest(parsed.data.spec.compliance);
  return { value: source.value, digest: payloadDigest(request as Record<string, unknown>) };
}
