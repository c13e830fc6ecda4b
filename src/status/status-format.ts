import { code, markdownTable } from "./markdown";
import type { LocatedReason, StackStatus, StatusRow } from "./status-rows";
import { shortTime, textTable } from "./text-table";

/** Output formats of `sms-integrations status`. */
export const STATUS_FORMATS = ["text", "json", "markdown"] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

/** Renders a stack's status; `now` decides whether an edit window is still open. */
export function formatStatus(status: StackStatus, format: StatusFormat, now = new Date()): string {
  if (format === "json") return `${JSON.stringify(status, null, 2)}\n`;
  return `${(format === "markdown" ? markdown : text)(status, now).join("\n")}\n`;
}

const HEADER = ["integration", "number", "agent", "verification", "status", "edit deadline",
  "last submitted"];

// Toll-free numbers are printed whole: they are the businesses' public numbers, which their
// customers text; personal numbers (contacts) never reach the status.
function text(status: StackStatus, now: Date): string[] {
  const lines = [`Stack ${status.stack}: ${summary(status.rows)}`];
  if (status.webhookUrl) lines.push(`Inbound SMS webhook: ${status.webhookUrl}`);
  if (!status.rows.length) return [...lines, "No integration files and nothing deployed."];

  const rows = status.rows.map((r) => [r.integration, r.phoneNumber ?? "-", r.agentId ?? "-",
    r.verificationSid ?? "-", statusWord(r), editDeadline(r, now), submitted(r)]);
  lines.push("", textTable(HEADER, rows));
  for (const row of status.rows.filter((r) => r.rejectionReasons.length)) {
    lines.push("", `${row.integration}: Twilio gave ${row.rejectionReasons.length} ` +
      `rejection reason(s) for ${row.verificationSid ?? "its verification"}:`);
    lines.push(...row.rejectionReasons.map((r) => `  ${reasonTitle(r)}`),
      ...row.rejectionReasons.flatMap((r) => r.locations.map((l) =>
        `    ${row.file}:${l.line}:${l.column}: ${l.path}`)));
  }
  return lines;
}

function markdown(status: StackStatus, now: Date): string[] {
  const lines = [`### Toll-free verifications on stack ${code(status.stack)}`, "",
    summary(status.rows)];
  if (!status.rows.length) return lines;

  const header = [...HEADER.slice(0, 5), "rejection reasons", ...HEADER.slice(5)];
  const rows = status.rows.map((r) => [
    r.file ? `${r.integration} (${code(r.file)})` : r.integration,
    r.phoneNumber, r.agentId ? code(r.agentId) : null, r.verificationSid, statusWord(r),
    r.rejectionReasons.map((reason) => `${reasonTitle(reason)}${reasonPaths(reason)}`)
      .join("\n"),
    editDeadline(r, now), submitted(r),
  ]);
  lines.push("", markdownTable(header, rows));
  return lines;
}

function summary(rows: StatusRow[]): string {
  const count = (test: (r: StatusRow) => boolean) => rows.filter(test).length;
  const parts = [
    `${count((r) => r.verificationStatus === "TWILIO_APPROVED")} approved`,
    `${count((r) => r.verificationStatus === "TWILIO_REJECTED")} rejected`,
    `${count((r) => r.deployed && !isDecided(r))} in review`,
    `${count((r) => !r.deployed)} not deployed`,
  ];
  return `${rows.length} integration${rows.length === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

function isDecided(r: StatusRow): boolean {
  return r.verificationStatus === "TWILIO_APPROVED" || r.verificationStatus === "TWILIO_REJECTED";
}

function statusWord(r: StatusRow): string {
  if (!r.deployed) return "not deployed";
  const notes = [r.adopted ? "adopted" : "", !r.inFiles ? "file removed" : "",
    r.fileMatchesSubmitted === false ? "file edited since submitted" : ""].filter(Boolean);
  const status = r.verificationStatus ?? "no verification";
  return notes.length ? `${status} (${notes.join(", ")})` : status;
}

/**
 * Twilio lets a rejected verification be edited while `edit_allowed` is true, until
 * `edit_expiration` (seven days after the rejection, twilio-reference.md 1.5).
 */
function editDeadline(r: StatusRow, now: Date): string {
  if (r.verificationStatus !== "TWILIO_REJECTED") return "-";
  if (!r.editAllowed) return "no edits: new verification needed";
  if (!r.editExpiration) return "open";
  const closed = Date.parse(r.editExpiration) <= now.getTime();
  return `${closed ? "closed" : "until"} ${shortTime(r.editExpiration)}`;
}

function submitted(r: StatusRow): string {
  if (r.submittedAt) return shortTime(r.submittedAt);
  return r.adopted ? "not from here" : "-";
}

function reasonTitle(r: LocatedReason): string {
  return `${r.code} ${r.reason}`;
}

function reasonPaths(r: LocatedReason): string {
  if (!r.paths.length) return "";
  const where = r.locations.length
    ? r.locations.map((l) => `${code(l.path)} (line ${l.line})`)
    : r.paths.map(code);
  return `: ${where.join(", ")}`;
}
