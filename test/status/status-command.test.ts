import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pulumiCommand } from "../../src/engine/command";
import { engineEnvironment } from "../../src/engine/environment";
import { REPO_ROOT } from "../../src/engine/paths";

// A program with this project's name and resource types: verifications of the dynamic module
// `twilio` and the stack output `integrations`, whose provider's read() answers with the
// status in STATUS, like a refresh that finds Twilio's decision.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) {
    return { id: inputs.sid, outs: { ...inputs } };
  },
  async read(id, props) {
    const rejected = process.env.STATUS === "TWILIO_REJECTED";
    return { id, props: { ...props, status: process.env.STATUS || props.status,
      rejectionReasons: rejected ? [{ code: 30446,
        reason: "Opt-in not sufficient: express consent required",
        paths: ["spec.compliance.optIn.type"] }] : [],
      editAllowed: rejected, editExpiration: rejected ? "2099-01-08T00:00:00.000Z" : null } };
  },
};
class Verification extends pulumi.dynamic.Resource {
  constructor(name, props) { super(provider, name, props, {}, "twilio", "Verification"); }
}
const verification = new Verification("brightsmile-dental-verification", {
  integration: "brightsmile-dental", file: "integrations/brightsmile-dental.yaml",
  sid: "HH0123456789abcdef0123456789abcdef", status: "PENDING_REVIEW", rejectionReasons: [],
  editAllowed: null, editExpiration: null, submittedAt: "2026-12-01T10:00:00.000Z",
  submittedDigest: "0".repeat(64), adopted: false,
});
exports.webhookUrl = "http://127.0.0.1:4020/twilio/sms";
exports.integrations = { "brightsmile-dental": {
  file: "integrations/brightsmile-dental.yaml", phoneNumber: "+18335550199",
  numberSid: "PN0123456789abcdef0123456789abcdef", agentId: "agt_01HZX3K9BRIGHTSMILE",
  smsUrl: "http://127.0.0.1:4020/twilio/sms", verificationSid: verification.sid,
  verificationStatus: verification.status, rejectionReasons: [], editAllowed: null,
  editExpiration: null, submittedAt: "2026-12-01T10:00:00.000Z",
  submittedDigest: "0".repeat(64), adopted: false } };
`;

const run = promisify(execFile);

describe("sms-integrations status on a stack", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "status-stack-"));
    const program = path.join(dir, "program");
    fs.mkdirSync(program);
    fs.mkdirSync(path.join(dir, "state"));
    fs.writeFileSync(path.join(program, "index.js"), PROGRAM);
    fs.writeFileSync(path.join(program, "Pulumi.yaml"),
      "name: sms-integrations\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
    fs.writeFileSync(path.join(program, "package.json"), '{"name":"status-stack"}\n');
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(program, "node_modules"));

    env = engineEnvironment({ stack: "dev", stateDir: path.join(dir, "state") });
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "dev", workDir: program },
      { pulumiCommand: await pulumiCommand(), envVars: definedOnly(env) },
    );
    await stack.up();
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function status(args: string[], extra: NodeJS.ProcessEnv = {}) {
    try {
      const { stdout, stderr } = await run(process.execPath,
        [path.join(REPO_ROOT, "bin", "sms-integrations.js"), "status", ...args],
        { cwd: REPO_ROOT, env: { ...env, ...extra } });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("prints the stack's integrations as a Markdown table and exits 0", async () => {
    const { code, stdout } = await status(["--format", "markdown"]);

    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("### Toll-free verifications on stack `dev`");
    expect(lines).toContain("| brightsmile-dental (`integrations/brightsmile-dental.yaml`) | " +
      "+18335550199 | `agt_01HZX3K9BRIGHTSMILE` | HH0123456789abcdef0123456789abcdef | " +
      "PENDING_REVIEW (file edited since submitted) | - | - | 2026-12-01 10:00 UTC |");
    expect(lines.filter((l) => l.includes("| not deployed |"))).toHaveLength(3);
  });

  it("refreshes first with --refresh and fails on a rejection, naming file and field",
    async () => {
      const { code, stdout, stderr } = await status(
        ["--refresh", "--fail-on-rejected", "--format", "json"], { STATUS: "TWILIO_REJECTED" });

      expect(code).toBe(1);
      const row = JSON.parse(stdout).rows[0];
      expect(row).toMatchObject({ integration: "brightsmile-dental",
        verificationStatus: "TWILIO_REJECTED", editAllowed: true });
      expect(stderr).toContain("sms-integrations status: Twilio rejected a verification; fix " +
        "these fields:\nintegrations/brightsmile-dental.yaml:55:13: spec.compliance.optIn.type: " +
        "Twilio rejected HH0123456789abcdef0123456789abcdef (30446 Opt-in not sufficient: " +
        "express consent required); fix the field and merge before 2099-01-08T00:00:00.000Z");
    });

  it("says how to create a stack that does not exist, exit 1", async () => {
    const { code, stderr } = await status(["--stack", "nowhere"]);

    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^sms-integrations status: stack nowhere cannot be selected in file:\/\/.*: no stack named 'nowhere' found; create it with npm start \(dev\) or npm run up -- --stack nowhere$/);
  });
});

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
