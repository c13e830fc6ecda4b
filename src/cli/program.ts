import { Command } from "commander";

import { registerAuditCommand } from "./commands/audit";
import { registerEmulatorCommand } from "./commands/emulator";
import { registerStatusCommand } from "./commands/status";
import { registerValidateCommand } from "./commands/validate";
import { EXIT, ExitError } from "./errors";

/**
 * Builds the `sms-integrations` command line. Commands register themselves here; each one
 * throws {@link ExitError} instead of calling `process.exit`, so `main` stays the one exit point.
 */
export function buildProgram(): Command {
  const program = new Command("sms-integrations")
    .description("GitOps for Twilio toll-free SMS integrations")
    .exitOverride((err) => {
      // commander reports --help and --version as "errors" with exit code 0.
      throw new ExitError(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
    })
    .configureOutput({ outputError: (text, write) => write(text) });

  registerValidateCommand(program);
  registerAuditCommand(program);
  registerStatusCommand(program);
  registerEmulatorCommand(program);
  return program;
}
