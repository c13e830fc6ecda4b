import { runGit } from "./git";

/** A file's bytes at a commit. */
export interface Revision {
  commit: string;
  path: string;
}

/**
 * The contents of several file revisions in one `git cat-file --batch` process, in the order
 * asked; `undefined` for a revision git does not have (the file was deleted there).
 */
export async function readRevisions(repo: string, revisions: Revision[]): Promise<
  (Buffer | undefined)[]> {
  if (revisions.length === 0) return [];
  const input = revisions.map((r) => `${r.commit}:${r.path}\n`).join("");
  const out = await runGit(repo, ["cat-file", "--batch"], input);
  return parseBatch(out, revisions.length);
}

// Each answer is `<oid> <type> <size>\n<contents>\n`, or `<name> missing\n`.
function parseBatch(out: Buffer, count: number): (Buffer | undefined)[] {
  const contents: (Buffer | undefined)[] = [];
  let at = 0;
  while (contents.length < count && at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString("utf8");
    at = eol + 1;
    const match = / (blob|tree|commit|tag) (\d+)$/.exec(header);
    if (!match) {
      contents.push(undefined);
      continue;
    }
    const size = Number(match[2]);
    contents.push(match[1] === "blob" ? out.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  return contents;
}
