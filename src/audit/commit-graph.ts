import { runGit } from "./git";

/** A commit as the graph keeps it. */
export interface GraphCommit {
  commit: string;
  parents: string[];
  author: { name: string; email: string };
  date: string;
  subject: string;
}

/** How a commit reached the branch: the mainline commit that brought it in, and its PR. */
export interface Landing {
  /** The mainline commit: a merge, or the commit itself when it was made on the mainline. */
  commit: string;
  /** The pull request number from a merge or squash subject, when there is one. */
  pullRequest: number | null;
  /** Who merged (the merge commit's author) and when; null for a commit made on the mainline. */
  mergedBy: { name: string; email: string; date: string } | null;
}

/** The history reachable from HEAD, with which mainline commit brought in each commit. */
export interface CommitGraph {
  commits: Map<string, GraphCommit>;
  landingOf(commit: string): Landing | undefined;
  /** Whether `ancestor` is `commit` or one of its ancestors. */
  isAncestor(ancestor: string, commit: string): boolean;
}

const FORMAT = ["%H", "%P", "%an", "%ae", "%aI", "%s"].join("%x1f");

/**
 * Reads every commit reachable from `rev` in one `git log`, and attributes each to the
 * mainline (first-parent) commit that brought it in: commits of a merged branch belong to the
 * merge, whose subject names the pull request ("Merge pull request #12 from ...") and whose
 * author is the person who merged it. A squash merge is a mainline commit named "... (#12)".
 *
 * Known shortcoming: the whole graph is read, about 1 ms per 100 commits; a repository with
 * millions of commits would want `git rev-list --ancestry-path` per landing instead.
 */
export async function readCommitGraph(repo: string, rev = "HEAD"): Promise<CommitGraph> {
  const out = await runGit(repo, ["log", "--date-order", "-z", `--format=${FORMAT}`, rev]);
  const commits = new Map<string, GraphCommit>();
  for (const record of out.toString("utf8").split("\0")) {
    if (!record) continue;
    const [commit = "", parents = "", name = "", email = "", date = "", subject = ""] =
      record.replace(/^\n/, "").split("\x1f");
    commits.set(commit, { commit, parents: parents.split(" ").filter(Boolean),
      author: { name, email }, date, subject });
  }

  const landings = attribute(commits, firstParentChain(commits, commits.keys().next().value));
  const ancestors = new Map<string, Set<string>>();
  return {
    commits,
    landingOf: (commit) => landings.get(commit),
    isAncestor: (ancestor, commit) => ancestorsOf(commits, commit, ancestors).has(ancestor),
  };
}

/** The mainline from the newest commit back to the root, oldest first. */
function firstParentChain(commits: Map<string, GraphCommit>, head: string | undefined): string[] {
  const chain: string[] = [];
  for (let at = head; at && commits.has(at); at = commits.get(at)!.parents[0]) chain.push(at);
  return chain.reverse();
}

// Oldest mainline commit first: by the time a merge is reached, everything reachable from its
// first parent is attributed, so a walk from its other parents that stops at attributed
// commits visits exactly the commits the merge brought in.
function attribute(commits: Map<string, GraphCommit>, mainline: string[]): Map<string, Landing> {
  const landings = new Map<string, Landing>();
  for (const commit of mainline) {
    const main = commits.get(commit)!;
    const merge = main.parents.length > 1;
    const landing: Landing = {
      commit,
      pullRequest: pullRequestOf(main.subject),
      mergedBy: merge ? { ...main.author, date: main.date } : null,
    };
    landings.set(commit, landing);

    const stack = main.parents.slice(1);
    while (stack.length) {
      const next = stack.pop()!;
      if (landings.has(next) || !commits.has(next)) continue;
      landings.set(next, landing);
      stack.push(...commits.get(next)!.parents);
    }
  }
  return landings;
}

/** `Merge pull request #12 from ...` (merge commit) or `Subject (#12)` (squash merge). */
export function pullRequestOf(subject: string): number | null {
  const match = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject);
  return match ? Number(match[1]) : null;
}

function ancestorsOf(
  commits: Map<string, GraphCommit>,
  commit: string,
  cache: Map<string, Set<string>>,
): Set<string> {
  const cached = cache.get(commit);
  if (cached) return cached;
  const seen = new Set<string>();
  const stack = [commit];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(commits.get(next)?.parents ?? []));
  }
  cache.set(commit, seen);
  return seen;
}
