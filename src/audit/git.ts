import { spawn } from "node:child_process";

/** A git command failed or git is missing; the message says which and what to do. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitError";
  }
}

/** Output larger than this is refused: a sign of a wrong path, not of a long history. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/**
 * Runs one git command in `cwd` and returns its standard output. `input` is written to its
 * standard input (for `cat-file --batch`). Git's pager, prompts and locale are switched off so
 * the output is the plumbing format whatever the user's configuration.
 */
export function runGit(cwd: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["--no-pager", "-c", "core.quotePath=false", ...args], {
      cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) child.kill();
      else out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (e: NodeJS.ErrnoException) => reject(new GitError(e.code === "ENOENT"
      ? "git is not installed or not on PATH; install git to read the integration's history"
      : `git ${args[0]} could not start: ${e.message}`)));
    child.on("close", (code) => {
      if (code === 0) return resolve(Buffer.concat(out));
      const detail = Buffer.concat(err).toString("utf8").trim().split("\n")[0] ?? "";
      reject(new GitError(`git ${args[0]} failed in ${cwd}: ${detail || `exit code ${code}`}`));
    });
    child.stdin.on("error", () => {}); // git may exit before reading all input
    child.stdin.end(input ?? "");
  });
}
