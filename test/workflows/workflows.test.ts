import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { REPO_ROOT, TOOLS_BIN } from "../../src/engine/paths";

const WORKFLOWS = join(REPO_ROOT, ".github", "workflows");
const ACTIONLINT = join(TOOLS_BIN, "actionlint");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>;
  env?: Record<string, string> };
type Job = { steps: Step[]; permissions?: Record<string, string>; environment?: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  strategy?: { "max-parallel"?: number; matrix: Record<string, unknown> } };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> };

function workflow(name: string): Workflow {
  return parse(readFileSync(join(WORKFLOWS, name), "utf8")) as Workflow;
}

function stepUsing(job: Job, action: string, command?: string): Step | undefined {
  return job.steps.find((s) => s.uses?.startsWith(`${action}@`) &&
    (command === undefined || s.with?.command === command));
}

describe("the GitHub workflows", () => {
  it("pass actionlint with nothing to report", () => {
    // Fails rather than skips: a missing linter must not pass the workflows unchecked.
    expect(existsSync(ACTIONLINT), "actionlint is missing: run bash scripts/install-actionlint.sh")
      .toBe(true);

    const files = readdirSync(WORKFLOWS).map((f) => join(WORKFLOWS, f));
    const run = spawnSync(ACTIONLINT, ["-no-color", ...files], { cwd: REPO_ROOT,
      encoding: "utf8" });

    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("preview each touched stack on a pull request, commenting the diff after a refresh", () => {
    const { on, jobs } = workflow("pull-request.yml");
    const runs = jobs.check!.steps.map((s) => s.run).filter(Boolean);
    const preview = stepUsing(jobs.preview!, "pulumi/actions", "preview");

    expect(on).toHaveProperty("pull_request");
    expect(runs).toEqual(expect.arrayContaining([
      "npx sms-integrations validate --format github", "npm test"]));
    expect(preview?.with).toMatchObject({ diff: true, refresh: true, "comment-on-pr": true,
      "stack-name": "${{ matrix.stack }}" });
    expect(jobs.preview!.permissions).toMatchObject({ "pull-requests": "write",
      "id-token": "write" });
    expect(jobs.preview!.strategy!.matrix.stack).toBe("${{ fromJSON(needs.check.outputs.stacks) }}");
    expect(jobs.preview!.steps.at(-1)!.run).toMatch(
      /pulumi preview --stack "\$STACK" --refresh --json[\s\S]*plan-summary\.ts callout/);
  });

  it("deploy main one stack at a time, each in its own environment and concurrency group", () => {
    const { on, jobs } = workflow("deploy.yml");
    const up = jobs.up!;

    expect(on).toEqual({ push: { branches: ["main"] } });
    expect(stepUsing(up, "pulumi/actions", "up")?.with).toMatchObject({
      "stack-name": "${{ matrix.stack }}" });
    expect(up.concurrency).toEqual({ group: "pulumi-${{ matrix.stack }}",
      "cancel-in-progress": false });
    expect(up.strategy!["max-parallel"]).toBe(1);
    expect(up.environment).toBe("${{ matrix.stack }}");
    expect(up.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("take AWS credentials by OIDC and Twilio's and the state's from secrets only", () => {
    for (const name of readdirSync(WORKFLOWS)) {
      const text = readFileSync(join(WORKFLOWS, name), "utf8");
      expect(text, name).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key/);
      for (const job of Object.values(workflow(name).jobs)) {
        if (!JSON.stringify(job).includes("TWILIO_")) continue;
        expect(stepUsing(job, "aws-actions/configure-aws-credentials")?.with, name)
          .toMatchObject({ "role-to-assume": "${{ vars.AWS_ROLE_ARN }}" });
        expect(JSON.stringify(job), name).toMatch(
          /"PULUMI_CONFIG_PASSPHRASE":"\$\{\{ secrets\.PULUMI_CONFIG_PASSPHRASE \}\}"/);
        expect(JSON.stringify(job), name).toMatch(
          /"TWILIO_API_SECRET":"\$\{\{ secrets\.TWILIO_API_SECRET \}\}"/);
      }
    }
  });

  it("check every stack daily and on demand: refresh, status summary, rejections, drift", () => {
    const { on, jobs } = workflow("verification-status.yml");
    const check = jobs.check!;
    const runs = check.steps.map((s) => s.run ?? "").join("\n");

    expect(on).toEqual({ schedule: [{ cron: "17 6 * * *" }], workflow_dispatch: null });
    expect(stepUsing(check, "pulumi/actions", "refresh")).toBeDefined();
    expect(runs).toMatch(/sms-integrations status --stack "\$STACK" --format markdown --fail-on-rejected \\\n +>> "\$GITHUB_STEP_SUMMARY"/);
    expect(runs).toMatch(/pulumi preview --stack "\$STACK" --expect-no-changes --json/);
    expect(check.concurrency).toEqual({ group: "pulumi-${{ matrix.stack }}",
      "cancel-in-progress": false });
  });
});
