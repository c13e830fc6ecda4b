/**
 * `npm run setup` (also run before `npm test`): makes the Pulumi engine available in
 * `.tools/bin` and prints what it found, then the workflow linter the tests use. A second run
 * reuses both builds and takes seconds.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

import { EngineUnavailableError, ensureEngine } from "../src/engine/install";
import { REPO_ROOT } from "../src/engine/paths";

function main(): number {
  try {
    const binaries = ensureEngine((line) => console.error(`setup: ${line}`));
    for (const b of binaries) {
      console.log(`${b.name.padEnd(30)} ${b.version.padEnd(10)} ${b.source.padEnd(7)} ${b.path}`);
    }
  } catch (err) {
    if (!(err instanceof EngineUnavailableError)) throw err;
    console.error(err.message);
    return 1;
  }

  // actionlint checks .github/workflows in the tests; it is built from the Go module proxy too.
  const script = path.join(REPO_ROOT, "scripts", "install-actionlint.sh");
  const actionlint = spawnSync("bash", [script], { stdio: "inherit" });
  if (actionlint.status !== 0) console.error("setup: actionlint is missing; the workflow test will fail");
  return 0;
}

process.exitCode = main();
