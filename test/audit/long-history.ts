import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { REPO_ROOT } from "../../src/engine/paths";

/** A repository whose integration file has a long history, built in one git process. */
export interface LongHistory {
  dir: string;
  /** Versions of the file, oldest first: the summary sentence each one wrote. */
  summaries: string[];
  /** The pull request numbers that merge commits landed, by version index. */
  pullRequests: Map<number, number>;
  /** The version index at which the file moved from customers/ to integrations/. */
  renameAt: number;
}

const NAME = "brightsmile-dental";
const SUMMARY = "BrightSmile Dental texts patients who opted in";

/**
 * `count` commits of `integrations/brightsmile-dental.yaml` through `git fast-import`: each
 * rewrites the use case summary; every tenth comes in through a branch and a merge commit
 * ("Merge pull request #N"), and halfway the file moves from `customers/`.
 */
export function createLongHistory(count: number): LongHistory {
  const dir = mkdtempSync(join(tmpdir(), "audit-long-"));
  const base = readFileSync(join(REPO_ROOT, "integrations", `${NAME}.yaml`), "utf8");
  const renameAt = Math.floor(count / 2);
  const summaries: string[] = [];
  const pullRequests = new Map<number, number>();
  const stream: string[] = [];
  let mark = 0;
  let main = 0;

  for (let i = 0; i < count; i++) {
    const summary = `${SUMMARY} (revision ${i + 1})`;
    summaries.push(summary);
    const path = i < renameAt ? `customers/${NAME}.yaml` : `integrations/${NAME}.yaml`;
    const rename = i === renameAt ? `R customers/${NAME}.yaml ${path}\n` : "";
    const file = blob(path, base.replace(SUMMARY, summary));
    const when = 1_790_000_000 + i * 3600;
    // fast-import builds a merge's tree from its first parent: the merge repeats the change.
    const viaBranch = i % 10 === 9;

    stream.push(commitCommand(viaBranch ? "refs/heads/topic" : "refs/heads/main", ++mark, when,
      `Revise the use case summary, revision ${i + 1}`, main, rename + file));
    if (viaBranch) {
      const branch = mark;
      pullRequests.set(i, 100 + i);
      stream.push(commitCommand("refs/heads/main", ++mark, when + 60,
        `Merge pull request #${100 + i} from acme/revision-${i + 1}`, main, rename + file,
        branch));
    }
    main = mark;
  }

  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: stream.join("") });
  execFileSync("git", ["checkout", "-q", "main"], { cwd: dir });
  return { dir, summaries, pullRequests, renameAt };
}

function commitCommand(ref: string, mark: number, when: number, message: string, from: number,
  changes: string, merge?: number): string {
  const who = "Dana Whitfield <dana@central.example>";
  return `commit ${ref}\nmark :${mark}\nauthor ${who} ${when} +0000\n` +
    `committer ${who} ${when} +0000\n${data(message)}` +
    `${from ? `from :${from}\n` : ""}${merge ? `merge :${merge}\n` : ""}${changes}\n`;
}

function blob(path: string, content: string): string {
  return `M 100644 inline ${path}\n${data(content)}`;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}
