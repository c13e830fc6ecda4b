import { resolve } from "node:path";

import { type Command, Option } from "commander";

import { REPO_ROOT } from "../../engine/paths";
import { DEFAULT_STACK } from "../../engine/stack-args";
import { loadIntegrations } from "../../integration/loader";
import type { Shard } from "../../program/shard";
import { integrationsOfShard, parseShard } from "../../program/shard";
import type * as ReadStack from "../../status/read-stack";
import { rejectionFindings } from "../../status/rejections";
import { formatStatus, STATUS_FORMATS, type StatusFormat } from "../../status/status-format";
import { statusOf } from "../../status/status-rows";
import { EXIT, ExitError } from "../errors";

interface StatusOptions {
  stack: string;
  format: StatusFormat;
  refresh?: boolean;
  failOnRejected?: boolean;
}

/**
 * `sms-integrations status`: per integration its toll-free number, agent, verification status,
 * Twilio's rejection reasons with the YAML paths to fix, the edit deadline and the last
 * submission. Files without a stack row show as not deployed. Exit 0, or with
 * --fail-on-rejected 1 when Twilio rejected a verification (for the scheduled workflow).
 */
export function registerStatusCommand(program: Command): void {
  program.command("status")
    .description("toll-free numbers and verification status of a stack's integrations")
    .option("--stack <name>", "the stack to read", DEFAULT_STACK)
    .addOption(new Option("--format <format>", "output format")
      .choices(STATUS_FORMATS).default("text"))
    .option("--refresh", "refresh the stack from Twilio first (pulumi refresh)")
    .option("--fail-on-rejected", "exit 1 when Twilio rejected a verification")
    .action(status);
}

async function status(options: StatusOptions): Promise<void> {
  const { readStackResources, StackReadError } = loadReadStack();
  const { resources, config } = await readStackResources({
    stack: options.stack,
    refresh: options.refresh,
    onOutput: (text) => process.stderr.write(text),
  }).catch((err: unknown) => {
    if (err instanceof StackReadError) {
      throw new ExitError(EXIT.problems, `sms-integrations status: ${err.message}`);
    }
    throw err;
  });
  // The stack's own integration files: its `integrationsDir`, and only its shard of them.
  const directory = config["sms-integrations:integrationsDir"] ?? "integrations";
  const loaded = await loadIntegrations([resolve(REPO_ROOT, directory)]);
  const shard = config["sms-integrations:shard"];
  const integrations = integrationsOfShard(loaded.integrations,
    parseShard(shard ? (JSON.parse(shard) as Shard) : undefined));

  const stackStatus = statusOf(options.stack, resources, integrations, REPO_ROOT);
  process.stdout.write(formatStatus(stackStatus, options.format));

  const findings = options.failOnRejected ? rejectionFindings(stackStatus.rows) : [];
  if (findings.length) {
    throw new ExitError(EXIT.problems, ["sms-integrations status: Twilio rejected a " +
      "verification; fix these fields:", ...findings].join("\n"));
  }
}

/**
 * The Automation API is loaded only when `status` runs: it is heavy (seconds on two cores) and
 * the other commands never need it. A require, not `import()`: the CLI runs as CommonJS through
 * tsx, whose loader a dynamic `import()` would bypass.
 */
function loadReadStack(): typeof ReadStack {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../../status/read-stack") as typeof ReadStack;
}
