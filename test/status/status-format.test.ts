import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readFileSync } from "node:fs";

import { REPO_ROOT } from "../../src/engine/paths";
import { loadIntegrations, type LoadedIntegration } from "../../src/integration/loader";
import { integrationSchema } from "../../src/integration/schema";
import { toVerificationRequest } from "../../src/integration/verification-request";
import { payloadDigest } from "../../src/providers/payload-digest";
import { rejectionFindings } from "../../src/status/rejections";
import { formatStatus } from "../../src/status/status-format";
import { type StackStatus, statusOf } from "../../src/status/status-rows";
import { exportedResources, stackRow } from "./deployment-fixture";

const NOW = new Date("2026-12-05T00:00:00Z");
const OPT_IN = { code: 30446, reason: "Opt-in not sufficient: express consent required",
  paths: ["spec.compliance.optIn.type", "spec.compliance.optIn.imageUrls"] };

/** The digest of what the committed file would submit, as the verification records it. */
function digestOfFile(name: string): string {
  const text = readFileSync(join(REPO_ROOT, "integrations", `${name}.yaml`), "utf8");
  const { spec } = integrationSchema.parse(parse(text));
  return payloadDigest(toVerificationRequest(spec.compliance) as Record<string, unknown>);
}

describe("sms-integrations status output", () => {
  let files: LoadedIntegration[];
  let status: StackStatus;

  beforeAll(async () => {
    files = (await loadIntegrations([join(REPO_ROOT, "integrations")])).integrations;
    // The stack outputs are the last up's; a later refresh saw the rejection, so only the
    // verification resource has it.
    const resources = exportedResources("staging", {
      "brightsmile-dental": stackRow("brightsmile-dental", 1,
        { submittedDigest: digestOfFile("brightsmile-dental") }),
      "northside-bakery": stackRow("northside-bakery", 2,
        { verificationStatus: "TWILIO_APPROVED" }),
      "quickfix-plumbing": stackRow("quickfix-plumbing", 3, { verificationStatus: "IN_REVIEW",
        submittedDigest: digestOfFile("quickfix-plumbing") }),
      "closed-dental": stackRow("closed-dental", 4, { verificationStatus: "TWILIO_APPROVED",
        submittedAt: null, submittedDigest: null, adopted: true }),
    }, { "brightsmile-dental": { verificationStatus: "TWILIO_REJECTED",
      rejectionReasons: [OPT_IN], editAllowed: true, editExpiration: "2026-12-10T16:00:00.000Z" } });
    status = statusOf("staging", resources, files, REPO_ROOT);
  });

  it("joins every file and every stack row, files without a row as not deployed", () => {
    expect(status.rows.map((r) => [r.integration, r.deployed, r.inFiles, r.file])).toEqual([
      ["brightsmile-dental", true, true, "integrations/brightsmile-dental.yaml"],
      ["closed-dental", true, false, "integrations/closed-dental.yaml"],
      ["northside-bakery", true, true, "integrations/northside-bakery.yaml"],
      ["quickfix-plumbing", true, true, "integrations/quickfix-plumbing.yaml"],
      ["riverbend-food-bank", false, true, "integrations/riverbend-food-bank.yaml"],
    ]);
  });

  it("takes the verification from the refreshed resource, not the stale stack output", () => {
    expect(status.rows[0]).toMatchObject({ verificationStatus: "TWILIO_REJECTED",
      editAllowed: true, editExpiration: "2026-12-10T16:00:00.000Z", fileMatchesSubmitted: true,
      rejectionReasons: [{ ...OPT_IN, locations: [
        { path: "spec.compliance.optIn.type", line: 55, column: 13 },
        { path: "spec.compliance.optIn.imageUrls", line: 57, column: 9 }] }] });
  });

  it("prints a text table and the rejection reasons with their file positions", () => {
    const lines = formatStatus(status, "text", NOW).split("\n");

    expect(lines.slice(0, 3)).toEqual([
      "Stack staging: 5 integrations: 2 approved, 1 rejected, 1 in review, 1 not deployed",
      "Inbound SMS webhook: https://sms.central.example/twilio/sms", ""]);
    expect(lines[3]).toMatch(/^integration +number +agent +verification +status +edit deadline +last submitted$/);
    expect(lines[4]!.split(/ {2,}/)).toEqual(["brightsmile-dental", "+18335550101",
      "agt_brightsmile-dental", "HH11111111111111111111111111111111", "TWILIO_REJECTED",
      "until 2026-12-10 16:00 UTC", "2026-12-01 10:00 UTC"]);
    expect(lines[5]!.split(/ {2,}/)).toEqual(["closed-dental", "+18335550104",
      "agt_closed-dental", "HH44444444444444444444444444444444",
      "TWILIO_APPROVED (adopted, file removed)", "-", "not from here"]);
    expect(lines[6]!.split(/ {2,}/)).toContain("TWILIO_APPROVED (file edited since submitted)");
    expect(lines[8]!.split(/ {2,}/)).toEqual(["riverbend-food-bank", "-",
      "agt_01HZX3KDRIVERBEND", "-", "not deployed", "-", "-"]);
    expect(lines.slice(9)).toEqual(["",
      "brightsmile-dental: Twilio gave 1 rejection reason(s) for " +
        "HH11111111111111111111111111111111:",
      "  30446 Opt-in not sufficient: express consent required",
      "    integrations/brightsmile-dental.yaml:55:13: spec.compliance.optIn.type",
      "    integrations/brightsmile-dental.yaml:57:9: spec.compliance.optIn.imageUrls", ""]);
  });

  it("prints a Markdown table for the job summary", () => {
    const lines = formatStatus(status, "markdown", NOW).split("\n");

    expect(lines.slice(0, 6)).toEqual([
      "### Toll-free verifications on stack `staging`", "",
      "5 integrations: 2 approved, 1 rejected, 1 in review, 1 not deployed", "",
      "| integration | number | agent | verification | status | rejection reasons | " +
        "edit deadline | last submitted |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |"]);
    expect(lines[6]).toBe("| brightsmile-dental (`integrations/brightsmile-dental.yaml`) | " +
      "+18335550101 | `agt_brightsmile-dental` | HH11111111111111111111111111111111 | " +
      "TWILIO_REJECTED | 30446 Opt-in not sufficient: express consent required: " +
      "`spec.compliance.optIn.type` (line 55), `spec.compliance.optIn.imageUrls` (line 57) | " +
      "until 2026-12-10 16:00 UTC | 2026-12-01 10:00 UTC |");
    expect(lines[10]).toBe("| riverbend-food-bank (`integrations/riverbend-food-bank.yaml`) | " +
      "- | `agt_01HZX3KDRIVERBEND` | - | not deployed | - | - | - |");
    expect(lines).toHaveLength(12);
  });

  it("prints JSON with every row and field", () => {
    const json = JSON.parse(formatStatus(status, "json", NOW)) as StackStatus;

    expect(json.stack).toBe("staging");
    expect(json.rows).toHaveLength(5);
    expect(json.rows[3]).toEqual({ integration: "quickfix-plumbing",
      file: "integrations/quickfix-plumbing.yaml", deployed: true, inFiles: true,
      phoneNumber: "+18335550103", numberSid: "PN33333333333333333333333333333333",
      agentId: "agt_quickfix-plumbing", smsUrl: "https://sms.central.example/twilio/sms",
      verificationSid: "HH33333333333333333333333333333333", verificationStatus: "IN_REVIEW",
      rejectionReasons: [], editAllowed: null, editExpiration: null,
      submittedAt: "2026-12-01T10:00:00.000Z", fileMatchesSubmitted: true, adopted: false });
  });

  it("escapes Markdown table syntax in values", () => {
    const odd = { ...status, rows: [{ ...status.rows[0]!, rejectionReasons: [
      { code: 30499, reason: "Message | content\nmismatch", paths: [], locations: [] }] }] };

    expect(formatStatus(odd, "markdown", NOW)).toContain(
      "| 30499 Message \\| content<br>mismatch |");
  });

  it.each([
    ["open", "2026-12-10T16:00:00.000Z", true, "until 2026-12-10 16:00 UTC",
      "fix the field and merge before 2026-12-10T16:00:00.000Z: the next pulumi up edits " +
      "the verification"],
    ["closed", "2026-12-01T16:00:00.000Z", true, "closed 2026-12-01 16:00 UTC",
      "Twilio takes no edit of it: fix the field and set " +
      "spec.compliance.resubmission.allowNewVerification: true with a reason to submit anew"],
    ["not allowed", null, false, "no edits: new verification needed",
      "Twilio takes no edit of it: fix the field and set " +
      "spec.compliance.resubmission.allowNewVerification: true with a reason to submit anew"],
  ])("names the files and fields to fix when the edit window is %s", (_, expiration,
    allowed, deadline, remedy) => {
    const row = { ...status.rows[0]!, editExpiration: expiration, editAllowed: allowed };
    const text = formatStatus({ ...status, rows: [row] }, "text", NOW);

    expect(text.split("\n")[4]).toContain(deadline);
    expect(rejectionFindings([row], NOW)).toEqual([
      "integrations/brightsmile-dental.yaml:55:13: spec.compliance.optIn.type: Twilio rejected " +
        `HH11111111111111111111111111111111 (30446 ${OPT_IN.reason}); ${remedy}`,
      "integrations/brightsmile-dental.yaml:57:9: spec.compliance.optIn.imageUrls: Twilio " +
        `rejected HH11111111111111111111111111111111 (30446 ${OPT_IN.reason}); ${remedy}`,
    ]);
  });

  it("finds nothing to fix when no verification is rejected", () => {
    expect(rejectionFindings(status.rows.slice(1), NOW)).toEqual([]);
  });
});
