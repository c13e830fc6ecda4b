import { access } from "node:fs/promises";

import { type Command, Option } from "commander";

import { loadIntegrations } from "../../integration/loader";
import { failsValidation } from "../../integration/problem";
import {
  formatProblems, PROBLEM_FORMATS, type ProblemFormat,
} from "../../integration/problem-format";
import { EXIT, ExitError } from "../errors";

interface ValidateOptions {
  format: ProblemFormat;
  strict?: boolean;
}

/**
 * `sms-integrations validate [paths...]`: checks integration files (default `integrations/`)
 * and prints every problem of every file. Exit 0 when there is no error (and, with --strict,
 * no warning), 1 when there is, 2 on a usage error such as a path that does not exist.
 */
export function registerValidateCommand(program: Command): void {
  program.command("validate")
    .description("check integration files: schema, Twilio verification rules, duplicates")
    .argument("[paths...]", "integration files or directories", ["integrations"])
    .addOption(new Option("--format <format>", "output format")
      .choices(PROBLEM_FORMATS).default("text"))
    .option("--strict", "fail on warnings too")
    .action(validate);
}

async function validate(paths: string[], options: ValidateOptions): Promise<void> {
  await requireExisting(paths);

  const { problems, files } = await loadIntegrations(paths);
  if (!files.length && !problems.length) {
    // A mistyped path in CI must not pass for a repository without problems.
    throw new ExitError(EXIT.usage, `no integration files (.yaml, .yml) in ${paths.join(", ")}; ` +
      "check the path");
  }
  process.stdout.write(formatProblems(problems, options.format, files.length));

  if (failsValidation(problems, options.strict ?? false)) throw new ExitError(EXIT.problems);
}

async function requireExisting(paths: string[]): Promise<void> {
  for (const path of paths) {
    try {
      await access(path);
    } catch {
      throw new ExitError(EXIT.usage, `sms-integrations validate: "${path}" does not exist; `
        + "pass integration files or directories (default: integrations)");
    }
  }
}
