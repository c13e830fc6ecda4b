import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { REPO_ROOT } from "../../src/engine/paths";
import { loadIntegrations } from "../../src/integration/loader";
import type { Problem } from "../../src/integration/problem";
import { RequestCounter } from "../engine/emulator-hooks";
import type { TestProject } from "../engine/test-project";
import { createTestProject } from "../engine/test-project";
import type { HostileCase } from "./support/hostile-files";
import { hostileCases } from "./support/hostile-files";

const CASES = hostileCases();
/** Long enough for a path, a located explanation and its fix; short of echoing a huge value. */
const MAX_MESSAGE = 400;
/** A frame of a JavaScript stack trace, which a message must never carry. */
const STACK_FRAME = /\bat .*\(?\S+:\d+:\d+\)?$|node:internal/m;

describe("hostile integration files", () => {
  it("are over 200 cases, each with its own files", () => {
    const names = CASES.flatMap((c) => Object.keys(c.files));
    expect(CASES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(CASES.map((c) => [c.id, c.rule, c] as const))(
    "%s: the loader names the file, its line and [%s], and throws nothing",
    async (_id, rule, hostile) => {
      const dir = writeCase(hostile);
      try {
        const { problems } = await loadIntegrations([dir]);

        for (const name of Object.keys(hostile.files)) {
          const file = path.join(dir, name);
          const errors = problems.filter((p) => p.file === file && p.severity === "error");
          expect(errors.map((p) => p.rule)).toContain(rule);
        }
        for (const problem of problems) expectClear(problem, dir, hostile);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
});

describe("the validate command and the program, given every hostile file at once", () => {
  let emulator: RunningEmulator;
  let project: TestProject;

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await createTestProject(emulator);
    for (const hostile of CASES) {
      for (const [name, content] of Object.entries(hostile.files)) {
        fs.writeFileSync(path.join(project.integrationsDir, name), content);
      }
    }
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("validate prints a located line for every file and exits 1, without a stack trace", () => {
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "sms-integrations.js"),
      "validate", project.integrationsDir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

    expect(run.status).toBe(1);
    for (const name of fileNames()) {
      expect(run.stdout).toMatch(lineFor(path.join(project.integrationsDir, name)));
    }
    expect(run.stdout + run.stderr).not.toMatch(STACK_FRAME);
  });

  it("preview stops before any resource, names every file, and makes no Twilio call", async () => {
    const requests = new RequestCounter(emulator.url);
    await requests.mark();

    const failure = await project.stack.preview().then(() => undefined, (err: Error) => err);

    expect(failure?.message).toMatch(/\d+ error\(s\) in integration files, nothing was sent to Twilio/);
    for (const name of fileNames()) expect(failure?.message).toMatch(new RegExp(`${name}:\\d+:\\d+: `));
    expect(await requests.since()).toEqual([]);
    const state = await project.stack.exportStack();
    expect(state.deployment.resources ?? []).toEqual([]);
  });
});

/** The files of every case, by name. */
function fileNames(): string[] {
  return CASES.flatMap((c) => Object.keys(c.files));
}

/** `<file>:<line>:<column>: error` at the start of a line of validate's text output. */
function lineFor(file: string): RegExp {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}:\\d+:\\d+: error `, "m");
}

function writeCase(hostile: HostileCase): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hostile-${hostile.id.slice(0, 40)}-`));
  for (const [name, content] of Object.entries(hostile.files)) {
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A problem is located inside its file and explained on one bounded line. */
function expectClear(problem: Problem, dir: string, hostile: HostileCase): void {
  const name = path.basename(problem.file);
  const content = hostile.files[name];
  expect(path.dirname(problem.file)).toBe(dir);
  expect(content).toBeDefined();

  const lines = typeof content === "string" ? content.split("\n").length : Infinity;
  expect(problem.line).toBeGreaterThanOrEqual(1);
  expect(problem.line).toBeLessThanOrEqual(lines);
  expect(problem.column).toBeGreaterThanOrEqual(1);
  expect(problem.message).not.toMatch(/\n|\[object Object\]|\bundefined\b/);
  expect(problem.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
  expect(problem.message).not.toMatch(STACK_FRAME);
}
