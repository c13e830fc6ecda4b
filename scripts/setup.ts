/**
 * `npm run setup`: makes the Pulumi engine available in `.tools/bin` and prints what it found.
 * A second run reuses the build and takes seconds.
 */
import { EngineUnavailableError, ensureEngine } from "../src/engine/install";

function main(): number {
  try {
    const binaries = ensureEngine((line) => console.error(`setup: ${line}`));
    for (const b of binaries) {
      console.log(`${b.name.padEnd(30)} ${b.version.padEnd(10)} ${b.source.padEnd(7)} ${b.path}`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof EngineUnavailableError)) throw err;
    console.error(err.message);
    return 1;
  }
}

process.exitCode = main();
