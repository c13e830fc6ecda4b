import type { StatusRow } from "./status-rows";

/**
 * One line per field to fix for every verification Twilio rejected:
 * `<file>:<line>:<column>: <path>: Twilio rejected <sid> (<code> <reason>); <remedy>`. A reason
 * that names no field points at `spec.compliance`. Empty when nothing is rejected.
 */
export function rejectionFindings(rows: readonly StatusRow[], now = new Date()): string[] {
  return rows.filter((r) => r.verificationStatus === "TWILIO_REJECTED").flatMap((row) => {
    const remedy = remedyOf(row, now);
    const reasons = row.rejectionReasons.length
      ? row.rejectionReasons
      : [{ code: 0, reason: "no reason given", paths: [], locations: [] }];
    return reasons.flatMap((reason) => {
      const why = `Twilio rejected ${row.verificationSid} (${reason.code || "?"} ${reason.reason})`;
      const places = reason.locations.length
        ? reason.locations.map((l) => `${row.file}:${l.line}:${l.column}: ${l.path}`)
        : [`${row.file ?? row.integration}: ${reason.paths.join(", ") || "spec.compliance"}`];
      return places.map((place) => `${place}: ${why}; ${remedy}`);
    });
  });
}

function remedyOf(row: StatusRow, now: Date): string {
  const open = row.editAllowed &&
    (!row.editExpiration || Date.parse(row.editExpiration) > now.getTime());
  if (open) {
    const until = row.editExpiration ? ` before ${row.editExpiration}` : "";
    return `fix the field and merge${until}: the next pulumi up edits the verification`;
  }
  return "Twilio takes no edit of it: fix the field and set " +
    "spec.compliance.resubmission.allowNewVerification: true with a reason to submit anew";
}
