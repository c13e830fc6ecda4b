/**
 * `tsx scripts/affected-stacks.ts [--base REV --head REV]`: prints `stacks=<JSON list>` for
 * `$GITHUB_OUTPUT`: the deployed stacks (stacks/Pulumi.*.yaml, not dev) that the change from
 * base to head touches, in deploy order; every deployed stack without --base, or when base is
 * not a commit (the first push of a branch). See src/status/affected-stacks.ts.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

import { REPO_ROOT } from "../src/engine/paths";
import { deployedStacks, stacksTouched } from "../src/status/affected-stacks";

function main(args: string[]): void {
  const stacks = deployedStacks(readdirSync(join(REPO_ROOT, "stacks")));
  const base = option(args, "--base");
  const head = option(args, "--head") ?? "HEAD";
  const changed = base && isCommit(base) ? changedFiles(base, head) : undefined;
  const touched = changed ? stacksTouched(changed, stacks) : stacks;
  console.log(`stacks=${JSON.stringify(touched)}`);
}

function isCommit(rev: string): boolean {
  if (/^0+$/.test(rev)) return false;
  try {
    execFileSync("git", ["cat-file", "-e", `${rev}^{commit}`], { cwd: REPO_ROOT, stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function changedFiles(base: string, head: string): string[] {
  const out = execFileSync("git", ["diff", "--name-only", "-z", `${base}...${head}`],
    { cwd: REPO_ROOT, encoding: "utf8" });
  return out.split("\0").filter(Boolean);
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

main(process.argv.slice(2));
