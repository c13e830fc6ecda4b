import type { VerificationState } from "../status/deployment";
import { cell, code, markdownTable } from "../status/markdown";
import { shortTime } from "../status/text-table";
import type { AuditReport, AuditVersion } from "./audit-report";
import type { FieldChange } from "./compliance-diff";
import type { StatusSeen, Submission } from "./submissions";

/** Output formats of `sms-integrations audit`. */
export const AUDIT_FORMATS = ["text", "json", "markdown"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Renders an audit report; ends with a newline. */
export function formatAudit(report: AuditReport, format: AuditFormat): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  return `${(format === "markdown" ? markdown : text)(report).join("\n")}\n`;
}

function text(report: AuditReport): string[] {
  const lines = [`Audit of ${report.integration}: ${report.file}, stack ${report.stack}`,
    `Now: ${currentLine(report.current)}`];
  if (report.stackHistoryMissing) lines.push(`Stack history: ${report.stackHistoryMissing}`);

  for (const version of report.versions) lines.push("", ...versionText(version));
  if (report.unmatched.length) {
    lines.push("", "Submissions that match no committed version of the file:");
    lines.push(...report.unmatched.map((s) => `  ${submissionLine(s)}`));
  }
  return lines;
}

function versionText(v: AuditVersion): string[] {
  const lines = [`${v.commit.slice(0, 12)}  ${shortTime(v.date)}  ${v.author.name} ` +
    `<${v.author.email}>${landingText(v)}`,
  `  ${v.path}: ${v.change}${v.renamedFrom ? ` from ${v.renamedFrom}` : ""}  "${v.subject}"`,
  `  compliance: ${changesText(v)}`];
  if (!v.digest) lines.push(`  not submittable: ${v.problem ?? "not a valid integration"}`);
  else if (!v.submissions.length) lines.push("  not submitted to Twilio on this stack");
  for (const submission of v.submissions) {
    lines.push(`  ${submissionLine(submission)}`);
    lines.push(...reasonLines(decisionOrLatest(submission)).map((line) => `    ${line}`));
  }
  return lines;
}

function landingText(v: AuditVersion): string {
  const landing = v.landing;
  if (!landing) return "";
  const pr = landing.pullRequest ? `PR #${landing.pullRequest}` : "";
  const merged = landing.mergedBy
    ? `merged by ${landing.mergedBy.name} ${shortTime(landing.mergedBy.date)} ` +
      `in ${landing.commit.slice(0, 12)}`
    : "";
  const parts = [pr, merged].filter(Boolean);
  return parts.length ? `  ${parts.join(", ")}` : "";
}

function changesText(v: AuditVersion): string {
  if (v.change === "deleted") return "file deleted";
  if (!v.complianceChanges.length) return "unchanged";
  if (v.complianceChanges.every((c) => c.change === "added") && v.complianceChanges.length &&
    v.complianceChanges[0]!.path === "spec.compliance") {
    return "first version";
  }
  return v.complianceChanges.map(changeText).join("; ");
}

function changeText(change: FieldChange): string {
  return `${change.change} ${change.path}`;
}

function submissionLine(s: Submission): string {
  const sent = s.adopted && !s.submittedAt
    ? `adopted ${s.verificationSid} as found at Twilio (${shortTime(s.update.time)})`
    : `submitted ${shortTime(s.submittedAt)} as ${s.verificationSid}`;
  const at = s.update.gitHead
    ? ` by ${s.update.kind} at ${s.update.gitHead.slice(0, 12)}` +
      `${s.update.gitDirty ? " (uncommitted changes)" : ""}`
    : "";
  return `${sent}${at}: ${statusText(s)}`;
}

function statusText(s: Submission): string {
  const seen = decisionOrLatest(s);
  if (!seen) return "no status recorded";
  if (!s.decision) return `no decision yet (${seen.status} since ${shortTime(seen.seenAt)})`;
  return `${s.decision.status} (seen ${shortTime(s.decision.seenAt)})`;
}

function decisionOrLatest(s: Submission): StatusSeen | undefined {
  return s.decision ?? s.statuses[s.statuses.length - 1];
}

function reasonLines(seen: StatusSeen | undefined): string[] {
  return (seen?.rejectionReasons ?? []).map((r) =>
    `${r.code} ${r.reason}${r.paths.length ? ` -> ${r.paths.join(", ")}` : ""}`);
}

function currentLine(current: VerificationState | null): string {
  if (!current) return "no verification in the stack";
  const submitted = current.submittedAt
    ? `last submitted ${shortTime(current.submittedAt)}`
    : current.adopted ? "adopted as found at Twilio" : "never submitted from here";
  return `verification ${current.sid} ${current.status}, ${submitted}`;
}

function markdown(report: AuditReport): string[] {
  const lines = [`### Audit of ${code(report.integration)} (stack ${code(report.stack)})`, "",
    `File ${code(report.file)}. Now: ${currentLine(report.current)}.`];
  if (report.stackHistoryMissing) lines.push("", `> Stack history: ${report.stackHistoryMissing}`);

  const header = ["commit", "author", "date", "pull request", "compliance changes",
    "submitted", "Twilio's decision"];
  const rows = report.versions.map((v) => [
    code(v.commit.slice(0, 12)), v.author.name, shortTime(v.date),
    v.landing?.pullRequest ? `#${v.landing.pullRequest}` : null,
    changesText(v),
    v.submissions.map((s) => `${shortTime(s.submittedAt ?? s.update.time)} ` +
      `${s.verificationSid}`).join("\n") || (v.digest ? "not submitted" : "not submittable"),
    v.submissions.map((s) => [statusText(s), ...reasonLines(decisionOrLatest(s))].join("\n"))
      .join("\n") || null,
  ]);
  lines.push("", markdownTable(header, rows));
  if (report.unmatched.length) {
    lines.push("", "Submissions that match no committed version of the file:", "",
      ...report.unmatched.map((s) => `- ${cell(submissionLine(s))}`));
  }
  return lines;
}
