import { EXIT, ExitError } from "./errors";
import { buildProgram } from "./program";

/** Runs the CLI and ends the process: the only place that sets the exit code. */
async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
    process.exitCode = EXIT.ok;
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof ExitError) {
    if (err.message) console.error(err.message);
    return err.exitCode;
  }

  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`sms-integrations: internal error, please report it with this output:\n${detail}`);
  return EXIT.internal;
}

void main(process.argv);
