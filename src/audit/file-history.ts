import { runGit } from "./git";

/** One commit that changed an integration file, with the file's path in that commit. */
export interface FileCommit {
  commit: string;
  parents: string[];
  author: { name: string; email: string };
  /** Author date, ISO 8601 with the author's offset, as git records it. */
  date: string;
  subject: string;
  /** The file's path after this commit. */
  path: string;
  /** What the commit did to the file; `merged` is a merge that resolved it by hand. */
  change: "added" | "modified" | "renamed" | "deleted" | "merged";
  /** The path before a rename. */
  renamedFrom?: string;
}

const RECORD = "\x1e";
const FIELD = "\x1f";
const HEADER = ["%H", "%P", "%an", "%ae", "%aI", "%s"].join("%x1f");

/**
 * The commits that changed the file at `path` (relative to `repo`), newest first, across
 * renames. Two git processes whatever the length of the history: `--follow` finds the names
 * the file had, then one path-limited log over all of them gives the commits.
 *
 * `--follow` alone is not enough: it follows one line of history and drops commits made on a
 * branch that a merge brought in (git's documentation: it "does not work well on non-linear
 * history"). A plain path-limited log simplifies merges correctly but, limited to one name,
 * sees a rename as an addition; given every name the file had, it reports the rename.
 */
export async function fileHistory(repo: string, path: string): Promise<FileCommit[]> {
  const names = await formerNames(repo, path);
  const out = await runGit(repo, ["log", "--date-order", "-M", "-z", "--name-status",
    `--format=%x1e${HEADER}`, "--", ...names]);
  return followPath(parseRecords(out.toString("utf8")), path);
}

/** Every path the file had, newest first, from the renames `--follow` sees. */
async function formerNames(repo: string, path: string): Promise<string[]> {
  const out = await runGit(repo, ["log", "--follow", "-M", "-z", "--name-status",
    "--format=%x1e", "--", path]);
  const names = [path];
  for (const record of parseRecords(out.toString("utf8"), false)) {
    for (const entry of record.entries) {
      if (entry.from && !names.includes(entry.from)) names.push(entry.from);
    }
  }
  return names;
}

interface NameStatus {
  status: string;
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
}

interface LogRecord {
  fields: string[];
  entries: NameStatus[];
}

// With -z each record is `<header>\0\n` (or `<header>\0` with no files), then NUL-separated
// `<status>\0<path>\0` items, renames and copies as `R<score>\0<old>\0<new>\0`.
function parseRecords(text: string, withHeader = true): LogRecord[] {
  return text.split(RECORD).slice(1).map((record) => {
    const end = withHeader ? record.indexOf("\0") : -1;
    const fields = withHeader ? record.slice(0, end < 0 ? record.length : end).split(FIELD) : [];
    const tokens = record.slice(end + 1).replace(/^\0?\n?/, "").split("\0");
    const entries: NameStatus[] = [];
    for (let i = 0; i < tokens.length && tokens[i]; ) {
      const status = tokens[i]!;
      if (/^[RC]/.test(status)) {
        entries.push({ status: status[0]!, from: tokens[i + 1], path: tokens[i + 2] ?? "" });
        i += 3;
      } else {
        entries.push({ status, path: tokens[i + 1] ?? "" });
        i += 2;
      }
    }
    return { fields, entries };
  });
}

const CHANGES: Record<string, FileCommit["change"]> = {
  A: "added", M: "modified", T: "modified", D: "deleted", R: "renamed", C: "added",
};

// Walks from the newest commit back, tracking the name the file had at each point: a commit
// counts when it changed the tracked name; a rename switches the tracked name to the old one.
function followPath(records: LogRecord[], path: string): FileCommit[] {
  const commits: FileCommit[] = [];
  let tracked = path;
  for (const { fields, entries } of records) {
    const [commit = "", parents = "", name = "", email = "", date = "", subject = ""] = fields;
    const parentList = parents.split(" ").filter(Boolean);
    const entry = entries.find((e) => e.path === tracked);
    if (!entry && parentList.length < 2) continue;

    const change = entry ? CHANGES[entry.status] ?? "modified" : "merged";
    commits.push({ commit, parents: parentList, author: { name, email }, date, subject,
      path: tracked, change, ...(entry?.status === "R" ? { renamedFrom: entry.from } : {}) });
    if (entry?.status === "R" && entry.from) tracked = entry.from;
  }
  return commits;
}
