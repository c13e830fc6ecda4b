import { type Command, Option } from "commander";

import { formatAudit, AUDIT_FORMATS, type AuditFormat } from "../../audit/audit-format";
import { buildAuditReport } from "../../audit/audit-report";
import { AuditError, resolveAuditSource } from "../../audit/audit-source";
import { GitError } from "../../audit/git";
import { DEFAULT_STACK } from "../../engine/stack-args";
import { EXIT, ExitError } from "../errors";

interface AuditOptions {
  stack: string;
  format: AuditFormat;
}

/**
 * `sms-integrations audit <name>`: the history of one customer's compliance payload, from the
 * git history of its file joined with the stack's update history: who changed which fields
 * when, in which pull request, what was submitted to Twilio and what Twilio decided.
 */
export function registerAuditCommand(program: Command): void {
  program.command("audit")
    .description("history of an integration's compliance payload and Twilio's decisions")
    .argument("<name>", "the integration, e.g. brightsmile-dental")
    .option("--stack <name>", "the stack whose submissions to show", DEFAULT_STACK)
    .addOption(new Option("--format <format>", "output format")
      .choices(AUDIT_FORMATS).default("text"))
    .action(audit);
}

async function audit(name: string, options: AuditOptions): Promise<void> {
  try {
    const source = await resolveAuditSource(name, options.stack);
    const report = await buildAuditReport(source);
    if (!report.versions.length) {
      throw new AuditError(`${source.file} has no commits in ${source.repo}; check the name ` +
        "(ls integrations/) or commit the file first", true);
    }
    process.stdout.write(formatAudit(report, options.format));
  } catch (err) {
    if (err instanceof AuditError) {
      throw new ExitError(err.usage ? EXIT.usage : EXIT.problems, `sms-integrations audit: ${err.message}`);
    }
    if (err instanceof GitError) throw new ExitError(EXIT.problems, `sms-integrations audit: ${err.message}`);
    throw err;
  }
}
