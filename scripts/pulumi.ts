/**
 * `npm run preview|up|refresh [-- pulumi args]`: runs the Pulumi CLI on this project with the
 * engine environment (local engine, `file://` backend, no network). Arguments after `--` reach
 * pulumi unchanged; with no `--stack`, the dev stack is used. The stack is created on first use.
 */
import { spawnSync } from "node:child_process";

import { engineEnvironment } from "../src/engine/environment";
import { ensureEngine } from "../src/engine/install";
import { REPO_ROOT } from "../src/engine/paths";
import { DEFAULT_STACK, stackFromArgs } from "../src/engine/stack-args";

function main(args: string[]): number {
  ensureEngine((line) => console.error(`setup: ${line}`));

  const named = stackFromArgs(args);
  const stack = named ?? DEFAULT_STACK;
  const env = engineEnvironment({ stack });
  const run = (argv: string[]) =>
    spawnSync("pulumi", argv, { cwd: REPO_ROOT, env, stdio: "inherit" }).status ?? 1;

  const selected = run(["stack", "select", "--create", stack]);
  if (selected !== 0) return selected;

  return run(named ? args : [...args, "--stack", stack]);
}

process.exitCode = main(process.argv.slice(2));
