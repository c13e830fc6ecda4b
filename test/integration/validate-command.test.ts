import { execFile } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

import { describe, expect, it } from "vitest";

import type { Problem } from "../../src/integration/problem";
import { formatProblems } from "../../src/integration/problem-format";
import { edit, integrationText, lineOf, REPO, tempDir } from "./fixtures";

const BIN = join(REPO, "bin", "sms-integrations.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args],
      { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const northside = integrationText("northside-bakery");
const localNumber = edit(northside, [['existing: "+18885550142"', 'existing: "+13125550188"']]);

describe("sms-integrations validate", () => {
  it("exits 0 on the committed integrations, even with --strict", async () => {
    const run = await cli("validate", "--strict");

    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("4 integration files checked: no problems");
  });

  it("exits 1 and names the field in JSON for a local number", async () => {
    const dir = tempDir({ "northside-bakery.yaml": localNumber });

    const run = await cli("validate", dir, "--format", "json");

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ problems: [{
      file: join(dir, "northside-bakery.yaml"), line: lineOf(localNumber, "+13125550188"),
      column: 15, path: "spec.number.existing", severity: "error", rule: "number-toll-free",
      code: null, message: expect.stringContaining("\"+13125550188\" is a local number") }] });
  });

  it("prints a GitHub annotation with the file and line of each problem", async () => {
    const dir = tempDir({ "northside-bakery.yaml": localNumber });

    const run = await cli("validate", dir, "--format", "github");

    const file = join(dir, "northside-bakery.yaml").replace(/:/g, "%3A").replace(/,/g, "%2C");
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe(`::error file=${file},`
      + `line=${lineOf(localNumber, "+13125550188")},col=15,title=number-toll-free::`
      + "spec.number.existing: \"+13125550188\" is a local number (area code 312), not "
      + "toll-free; use a toll-free number (800, 833, 844, 855, 866, 877, 888) or buy one "
      + "with purchase: {country: US}");
  });

  it("passes warnings, and fails them under --strict", async () => {
    const freeMail = edit(integrationText("brightsmile-dental"),
      [["email: dana.whitfield@brightsmile-dental.example", "email: dana.w@gmail.com"]]);
    const dir = tempDir({ "brightsmile-dental.yaml": freeMail });

    const [lenient, strict] = await Promise.all([cli("validate", dir),
      cli("validate", dir, "--strict")]);

    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/warning \[free-mail-email\]/);
    expect(strict.code).toBe(1);
  });

  it("reports every problem of every file in one run", async () => {
    const dir = tempDir({
      "northside-bakery.yaml": localNumber,
      "brightsmile-dental.yaml": "apiVersion: [broken\n",
      "quickfix.yaml": integrationText("quickfix-plumbing"),
    });

    const run = await cli("validate", dir, "--format", "json");

    const problems = (JSON.parse(run.stdout) as { problems: Problem[] }).problems;
    expect(run.code).toBe(1);
    expect(problems.map((p) => [p.file.slice(dir.length + 1), p.rule])).toEqual([
      ["brightsmile-dental.yaml", "yaml-syntax"],
      ["northside-bakery.yaml", "number-toll-free"],
      ["quickfix.yaml", "file-name"],
    ]);
  });

  it.each([
    ["an unknown format", ["validate", "--format", "xml"], "xml"],
    ["a path that does not exist", ["validate", "no/such/dir"], "\"no/such/dir\" does not exist"],
  ])("exits 2 on %s", async (_name, args, says) => {
    const run = await cli(...args);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("sms-integrations validate, given paths that hold no integration", () => {
  it("fails a folder without integration files as a usage error, not a clean run", async () => {
    const run = await cli("validate", tempDir({ "README.md": "no integrations here" }));

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no integration files \(\.yaml, \.yml\) in .*; check the path/);
  });

  it("follows a symbolic link and reports a dangling one at its file", async () => {
    const dir = tempDir();
    symlinkSync(join(REPO, "integrations", "northside-bakery.yaml"),
      join(dir, "northside-bakery.yaml"));
    symlinkSync(join(dir, "missing.yaml"), join(dir, "gone.yaml"));

    const run = await cli("validate", "--format", "json", dir);

    expect(run.code).toBe(1);
    const { problems } = JSON.parse(run.stdout) as { problems: Problem[] };
    expect(problems.map((p) => [p.file, p.rule])).toEqual([[join(dir, "gone.yaml"), "file-read"]]);
  });
});

describe("formatProblems", () => {
  const problem: Problem = { file: "dir,a/x:1.yaml", line: 3, column: 5, path: "spec",
    severity: "warning", rule: "some-rule", message: "100% wrong\r\nnext: a, b" };

  it("escapes GitHub workflow-command data and properties", () => {
    expect(formatProblems([problem], "github", 1).split("\n")[0]).toBe(
      "::warning file=dir%2Ca/x%3A1.yaml,line=3,col=5,title=some-rule::100%25 wrong%0D%0Anext: a, b");
  });

  it("prints JSON with every field, code null when there is none", () => {
    expect(JSON.parse(formatProblems([problem], "json", 1))).toEqual({ problems: [{
      file: "dir,a/x:1.yaml", line: 3, column: 5, path: "spec", severity: "warning",
      rule: "some-rule", code: null, message: problem.message }] });
  });
});
