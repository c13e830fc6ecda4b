import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

import { buildAuditReport, type AuditReport } from "../../src/audit/audit-report";
import { REPO_ROOT } from "../../src/engine/paths";
import { integrationSchema } from "../../src/integration/schema";
import { toVerificationRequest } from "../../src/integration/verification-request";
import { payloadDigest } from "../../src/providers/payload-digest";
import { createGitRepo, type GitRepo } from "./git-repo";
import { writeStackHistory } from "./stack-history-fixture";

const DANA = { name: "Dana Whitfield", email: "dana@central.example" };
const SAM = { name: "Sam Ortiz", email: "sam@central.example" };
const LEE = { name: "Lee Park", email: "lee@central.example" };

const NAME = "brightsmile-dental";
const OLD_PATH = `customers/${NAME}.yaml`;
const PATH = `integrations/${NAME}.yaml`;
const BASE = readFileSync(join(REPO_ROOT, "integrations", `${NAME}.yaml`), "utf8");
const CHECKBOX = "        - https://www.brightsmile-dental.example/images/sms-consent-checkbox.png\n";

/** Replaces `from` in `text`, failing when it does not occur so the versions stay honest. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`no ${JSON.stringify(from)} in the file`);
  return text.replace(from, to);
}

// Five versions of the file as a customer's history would have them.
const V1 = edit(BASE, CHECKBOX, "");
const V3 = edit(edit(V1, "        - https://www.brightsmile-dental.example/patients/text-reminders\n",
  `        - https://www.brightsmile-dental.example/patients/text-reminders\n${CHECKBOX}`),
"BrightSmile Dental texts patients who opted in", "BrightSmile Dental texts patients who gave consent");
const V4 = edit(edit(V3, 'monthlyVolume: "1,000"', 'monthlyVolume: "10,000"'),
  "    ageGatedContent: false\n", "    ageGatedContent: false\n    resubmission:\n" +
  "      allowNewVerification: true\n      reason: Twilio will not edit an approved verification\n");
const V5 = edit(V4, "id: agt_01HZX3K9BRIGHTSMILE", "id: agt_01J0NEWAGENT");

/** The digest the verification provider records for what it sends (payloadDigest). */
function digestOf(text: string): string {
  const integration = integrationSchema.parse(parse(text));
  return payloadDigest(toVerificationRequest(integration.spec.compliance) as
    Record<string, unknown>);
}

const REASON = { code: 30446, reason: "Opt-in not sufficient: express consent required",
  paths: ["spec.compliance.optIn.type", "spec.compliance.optIn.imageUrls"] };

describe("the audit trail of an integration", () => {
  let repo: GitRepo;
  let state: string;
  let commits: Record<"c1" | "c2" | "m1" | "c3" | "m2" | "c4" | "c5", string>;
  let report: AuditReport;

  beforeAll(async () => {
    repo = createGitRepo();
    state = mkdtempSync(join(tmpdir(), "audit-state-"));
    const c1 = repo.commit("Add BrightSmile Dental from the intake form", DANA,
      "2026-09-30T09:00:00Z", { [OLD_PATH]: V1 });
    repo.git("checkout", "-q", "-b", "move");
    repo.move(OLD_PATH, PATH);
    const c2 = repo.commit("Move BrightSmile Dental under integrations/", SAM,
      "2026-10-02T10:00:00Z");
    repo.git("checkout", "-q", "main");
    const m1 = repo.merge("move", "Merge pull request #4 from acme/move-brightsmile", LEE,
      "2026-10-02T11:00:00Z");
    repo.git("checkout", "-q", "-b", "opt-in");
    const c3 = repo.commit("Show the consent checkbox to the reviewer", SAM,
      "2026-10-07T09:00:00Z", { [PATH]: V3 });
    repo.git("checkout", "-q", "main");
    const m2 = repo.merge("opt-in", "Merge pull request #7 from acme/opt-in-evidence", LEE,
      "2026-10-07T15:00:00Z");
    const c4 = repo.commit("Raise BrightSmile's monthly volume (#9)", DANA,
      "2026-10-19T10:00:00Z", { [PATH]: V4 });
    const c5 = repo.commit("Point BrightSmile at the new agent (#11)", DANA,
      "2026-10-24T10:00:00Z", { [PATH]: V5 });
    commits = { c1, c2, m1, c3, m2, c4, c5 };

    writeStackHistory(state, "staging", NAME, [
      { kind: "update", time: "2026-09-30T12:00:00.000Z", gitHead: c1, verification: {
        sid: "HH0000000000000000000000000000000a", status: "PENDING_REVIEW",
        submittedAt: "2026-09-30T11:59:58.000Z", submittedDigest: digestOf(V1) } },
      { kind: "refresh", time: "2026-10-03T06:00:00.000Z", gitHead: m1, verification: {
        sid: "HH0000000000000000000000000000000a", status: "IN_REVIEW",
        submittedAt: "2026-09-30T11:59:58.000Z", submittedDigest: digestOf(V1) } },
      { kind: "refresh", time: "2026-10-06T06:00:00.000Z", gitHead: m1, verification: {
        sid: "HH0000000000000000000000000000000a", status: "TWILIO_REJECTED",
        rejectionReasons: [REASON], editAllowed: true,
        editExpiration: "2026-10-13T05:00:00.000Z",
        submittedAt: "2026-09-30T11:59:58.000Z", submittedDigest: digestOf(V1) } },
      { kind: "update", time: "2026-10-07T15:10:00.000Z", gitHead: m2, verification: {
        sid: "HH0000000000000000000000000000000a", status: "PENDING_REVIEW",
        submittedAt: "2026-10-07T15:09:57.000Z", submittedDigest: digestOf(V3) } },
      { kind: "refresh", time: "2026-10-12T06:00:00.000Z", gitHead: m2, verification: {
        sid: "HH0000000000000000000000000000000a", status: "TWILIO_APPROVED",
        submittedAt: "2026-10-07T15:09:57.000Z", submittedDigest: digestOf(V3) } },
      { kind: "update", time: "2026-10-19T10:20:00.000Z", gitHead: c4, verification: {
        sid: "HH0000000000000000000000000000000b", status: "PENDING_REVIEW",
        submittedAt: "2026-10-19T10:19:58.000Z", submittedDigest: digestOf(V4) } },
      { kind: "update", time: "2026-10-24T10:20:00.000Z", gitHead: c5, verification: {
        sid: "HH0000000000000000000000000000000b", status: "PENDING_REVIEW",
        submittedAt: "2026-10-19T10:19:58.000Z", submittedDigest: digestOf(V4) } },
    ]);

    report = await buildAuditReport({ repo: repo.dir, file: PATH, integration: NAME,
      stateDir: state, project: "sms-integrations", stack: "staging" });
  });

  afterAll(() => {
    repo.cleanup();
    rmSync(state, { recursive: true, force: true });
  });

  it("lists every version of the file, oldest first, across the rename and both merges", () => {
    expect(report.versions.map((v) => [v.commit, v.path, v.change])).toEqual([
      [commits.c1, OLD_PATH, "added"],
      [commits.c2, PATH, "renamed"],
      [commits.c3, PATH, "modified"],
      [commits.c4, PATH, "modified"],
      [commits.c5, PATH, "modified"],
    ]);
    expect(report.versions[1]!.renamedFrom).toBe(OLD_PATH);
  });

  it("names the author and date of each version and the pull request that landed it", () => {
    expect(report.versions.map((v) => [v.author.name, v.author.email, v.date, v.subject,
      v.landing?.pullRequest ?? null, v.landing?.mergedBy?.name ?? null])).toEqual([
      [DANA.name, DANA.email, "2026-09-30T09:00:00+00:00",
        "Add BrightSmile Dental from the intake form", null, null],
      [SAM.name, SAM.email, "2026-10-02T10:00:00+00:00",
        "Move BrightSmile Dental under integrations/", 4, LEE.name],
      [SAM.name, SAM.email, "2026-10-07T09:00:00+00:00",
        "Show the consent checkbox to the reviewer", 7, LEE.name],
      [DANA.name, DANA.email, "2026-10-19T10:00:00+00:00",
        "Raise BrightSmile's monthly volume (#9)", 9, null],
      [DANA.name, DANA.email, "2026-10-24T10:00:00+00:00",
        "Point BrightSmile at the new agent (#11)", 11, null],
    ]);
    expect(report.versions[2]!.landing).toEqual({ commit: commits.m2, pullRequest: 7,
      mergedBy: { ...LEE, date: "2026-10-07T15:00:00+00:00" } });
  });

  it("lists the compliance fields each version changed, by YAML path", () => {
    const changes = report.versions.map((v) => v.complianceChanges.map((c) =>
      [c.change, c.path]));
    expect(changes).toEqual([
      [["added", "spec.compliance"]],
      [],
      [["changed", "spec.compliance.useCase.summary"],
        ["added", "spec.compliance.optIn.imageUrls[1]"]],
      [["changed", "spec.compliance.useCase.monthlyVolume"],
        ["added", "spec.compliance.resubmission"]],
      [],
    ]);
    expect(report.versions[3]!.complianceChanges[0]).toMatchObject({ before: "1,000",
      after: "10,000" });
  });

  it("matches each submission to the version it sent, with Twilio's decision", () => {
    const submissions = report.versions.map((v) => v.submissions.map((s) => ({
      sid: s.verificationSid, submittedAt: s.submittedAt, gitHead: s.update.gitHead,
      decision: s.decision && [s.decision.status, s.decision.seenAt],
      statuses: s.statuses.map((seen) => seen.status),
    })));
    expect(submissions).toEqual([
      [{ sid: "HH0000000000000000000000000000000a", submittedAt: "2026-09-30T11:59:58.000Z",
        gitHead: commits.c1, decision: ["TWILIO_REJECTED", "2026-10-06T06:00:00.000Z"],
        statuses: ["PENDING_REVIEW", "IN_REVIEW", "TWILIO_REJECTED"] }],
      [],
      [{ sid: "HH0000000000000000000000000000000a", submittedAt: "2026-10-07T15:09:57.000Z",
        gitHead: commits.m2, decision: ["TWILIO_APPROVED", "2026-10-12T06:00:00.000Z"],
        statuses: ["PENDING_REVIEW", "TWILIO_APPROVED"] }],
      [{ sid: "HH0000000000000000000000000000000b", submittedAt: "2026-10-19T10:19:58.000Z",
        gitHead: commits.c4, decision: null, statuses: ["PENDING_REVIEW"] }],
      [],
    ]);
    expect(report.versions[0]!.submissions[0]!.decision!.rejectionReasons).toEqual([REASON]);
    expect(report.unmatched).toEqual([]);
  });

  it("reports the verification as the stack last saw it", () => {
    expect(report.current).toMatchObject({ sid: "HH0000000000000000000000000000000b",
      status: "PENDING_REVIEW", submittedAt: "2026-10-19T10:19:58.000Z", adopted: false });
  });

  it("keeps a submission from uncommitted changes apart, as matching no version", async () => {
    const other = mkdtempSync(join(tmpdir(), "audit-state-"));
    writeStackHistory(other, "dev", NAME, [{ kind: "update", time: "2026-10-25T08:00:00.000Z",
      gitHead: commits.c5, gitDirty: true, verification: { sid: "HH000c", status: "IN_REVIEW",
        submittedAt: "2026-10-25T07:59:59.000Z", submittedDigest: "f".repeat(64) } }]);

    const dirty = await buildAuditReport({ repo: repo.dir, file: PATH, integration: NAME,
      stateDir: other, project: "sms-integrations", stack: "dev" });
    rmSync(other, { recursive: true, force: true });

    expect(dirty.versions.every((v) => v.submissions.length === 0)).toBe(true);
    expect(dirty.unmatched.map((s) => [s.verificationSid, s.update.gitDirty])).toEqual([
      ["HH000c", true]]);
  });

  it("shows the git history alone when the stack has no update history", async () => {
    const empty = await buildAuditReport({ repo: repo.dir, file: PATH, integration: NAME,
      stateDir: join(state, "missing"), project: "sms-integrations", stack: "staging" });

    expect(empty.versions).toHaveLength(5);
    expect(empty.current).toBeNull();
    expect(empty.stackHistoryMissing).toMatch(/no update history of stack staging in .*; run /);
  });

  describe("sms-integrations audit", () => {
    const cli = (args: string[], cwd: string) => {
      try {
        const stdout = execFileSync(process.execPath,
          [join(REPO_ROOT, "bin", "sms-integrations.js"), "audit", ...args],
          { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, PULUMI_BACKEND_URL: `file://${state}` } });
        return { code: 0, stdout, stderr: "" };
      } catch (err) {
        const e = err as { status: number; stdout: string; stderr: string };
        return { code: e.status, stdout: e.stdout, stderr: e.stderr };
      }
    };

    it("prints each submitted version with commit, author, date, fields and decision", () => {
      const { code, stdout } = cli([NAME, "--stack", "staging"], repo.dir);

      expect(code).toBe(0);
      const lines = stdout.split("\n");
      expect(lines.slice(0, 2)).toEqual([
        `Audit of ${NAME}: ${PATH}, stack staging`,
        "Now: verification HH0000000000000000000000000000000b PENDING_REVIEW, last submitted " +
          "2026-10-19 10:19 UTC",
      ]);
      const at = lines.indexOf(`${commits.c3.slice(0, 12)}  2026-10-07 09:00 UTC  Sam Ortiz ` +
        `<sam@central.example>  PR #7, merged by Lee Park 2026-10-07 15:00 UTC in ` +
        `${commits.m2.slice(0, 12)}`);
      expect(at).toBeGreaterThan(0);
      expect(lines.slice(at + 1, at + 4)).toEqual([
        `  ${PATH}: modified  "Show the consent checkbox to the reviewer"`,
        "  compliance: changed spec.compliance.useCase.summary; added " +
          "spec.compliance.optIn.imageUrls[1]",
        "  submitted 2026-10-07 15:09 UTC as HH0000000000000000000000000000000a by update at " +
          `${commits.m2.slice(0, 12)}: TWILIO_APPROVED (seen 2026-10-12 06:00 UTC)`,
      ]);
      expect(stdout).toContain("    30446 Opt-in not sufficient: express consent required -> " +
        "spec.compliance.optIn.type, spec.compliance.optIn.imageUrls\n");
    });

    it("prints a Markdown table with one row per version", () => {
      const { code, stdout } = cli([NAME, "--stack", "staging", "--format", "markdown"],
        repo.dir);

      expect(code).toBe(0);
      const rows = stdout.split("\n").filter((l) => l.startsWith("| `"));
      expect(rows).toHaveLength(5);
      expect(rows[0]).toBe(`| \`${commits.c1.slice(0, 12)}\` | Dana Whitfield | 2026-09-30 ` +
        "09:00 UTC | - | first version | 2026-09-30 11:59 UTC HH0000000000000000000000000000000a " +
        "| TWILIO_REJECTED (seen 2026-10-06 06:00 UTC)<br>30446 Opt-in not sufficient: express " +
        "consent required -> spec.compliance.optIn.type, spec.compliance.optIn.imageUrls |");
    });

    it("prints JSON that carries the same report", () => {
      const { code, stdout } = cli([NAME, "--stack", "staging", "--format", "json"], repo.dir);

      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(report)));
    });

    it.each([
      [["Bright Smile"], 2, /"Bright Smile" is not an integration name; use the file name/],
      [["nobody-here"], 2, /integrations\/nobody-here\.yaml has no commits in .*; check the name/],
    ])("refuses %j with exit %i", (args, exitCode, message) => {
      const { code, stderr } = cli(args, repo.dir);

      expect(code).toBe(exitCode);
      expect(stderr).toMatch(message);
    });

    it("refuses a shallow clone, whose history is incomplete", () => {
      const clone = mkdtempSync(join(tmpdir(), "audit-shallow-"));
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo.dir}`, clone]);

      const { code, stderr } = cli([NAME], clone);
      rmSync(clone, { recursive: true, force: true });

      expect(code).toBe(1);
      expect(stderr).toMatch(/is a shallow clone, so its history is incomplete; run `git fetch/);
    });
  });
});
