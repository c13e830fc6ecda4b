import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A person as git records them. */
export interface Person {
  name: string;
  email: string;
}

/** A temporary git repository that a test writes its history into, commit by commit. */
export interface GitRepo {
  dir: string;
  git(...args: string[]): string;
  /** Writes files and commits them as `author` at `date`; returns the commit id. */
  commit(message: string, author: Person, date: string, files?: Record<string, string>): string;
  /** `git mv`, creating the target folder. */
  move(from: string, to: string): void;
  /** A `--no-ff` merge of `branch` into the current branch, as `by` at `date`. */
  merge(branch: string, message: string, by: Person, date: string): string;
  cleanup(): void;
}

/** A new repository on branch `main`, with commit signing and hooks off. */
export function createGitRepo(): GitRepo {
  const dir = mkdtempSync(join(tmpdir(), "audit-repo-"));
  const git = (env: Record<string, string>, ...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args],
      { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } }).trim();
  const as = (person: Person, date: string) => ({
    GIT_AUTHOR_NAME: person.name, GIT_AUTHOR_EMAIL: person.email, GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: person.name, GIT_COMMITTER_EMAIL: person.email,
    GIT_COMMITTER_DATE: date,
  });
  git({}, "init", "-q", "-b", "main");

  return {
    dir,
    git: (...args) => git({}, ...args),
    commit(message, author, date, files = {}) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      git({}, "add", "-A");
      git(as(author, date), "commit", "-q", "--allow-empty", "-m", message);
      return git({}, "rev-parse", "HEAD");
    },
    move(from, to) {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      git({}, "mv", from, to);
    },
    merge(branch, message, by, date) {
      git(as(by, date), "merge", "-q", "--no-ff", "-m", message, branch);
      return git({}, "rev-parse", "HEAD");
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
