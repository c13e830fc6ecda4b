import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { parse } from "yaml";

import type { AuditSource } from "./audit-report";
import { runGit } from "./git";
import { fileBackendPath } from "./stack-history";

/** The audit cannot run as asked; the message says why and what to do, in one line. */
export class AuditError extends Error {
  constructor(
    message: string,
    /** True when the command line was wrong (a bad name), false when the environment was. */
    readonly usage = false,
  ) {
    super(message);
    this.name = "AuditError";
  }
}

/** Same rule as `metadata.name`, so a name can never point outside `integrations/`. */
const NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The project name when Pulumi.yaml cannot be read: the one this repository declares. */
const DEFAULT_PROJECT = "sms-integrations";

/**
 * Where the audit of `integration` reads from: the git work tree around `cwd` (which must
 * have its full history), `integrations/<name>.yaml` in it, and the stack's `file://`
 * backend: `PULUMI_BACKEND_URL`, else `.pulumi/state` as the project's scripts use.
 */
export async function resolveAuditSource(
  integration: string,
  stack: string,
  cwd = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<AuditSource> {
  if (!NAME.test(integration)) {
    throw new AuditError(`"${integration}" is not an integration name; use the file name ` +
      "without .yaml, e.g. brightsmile-dental", true);
  }
  const repo = await workTree(cwd);
  const stateDir = stateDirectory(repo, env);
  const file = ["yaml", "yml"].map((ext) => `integrations/${integration}.${ext}`)
    .find((candidate) => existsSync(join(repo, candidate))) ?? `integrations/${integration}.yaml`;
  return { repo, file, integration, stateDir, project: projectName(repo), stack };
}

async function workTree(cwd: string): Promise<string> {
  let out: string;
  try {
    out = (await runGit(cwd, ["rev-parse", "--show-toplevel", "--is-shallow-repository"]))
      .toString("utf8");
  } catch {
    throw new AuditError(`${cwd} is not in a git work tree; run the audit in a clone of the ` +
      "integrations repository");
  }
  const [top = cwd, shallow] = out.trim().split("\n");
  if (shallow === "true") {
    throw new AuditError(`${top} is a shallow clone, so its history is incomplete; run ` +
      "`git fetch --unshallow` (in GitHub Actions: actions/checkout with fetch-depth: 0)");
  }
  return top;
}

function stateDirectory(repo: string, env: NodeJS.ProcessEnv): string {
  const url = env.PULUMI_BACKEND_URL;
  if (!url) return join(repo, ".pulumi", "state");
  const path = fileBackendPath(url, repo);
  if (path) return path;
  const scheme = url.split(":")[0];
  throw new AuditError(`PULUMI_BACKEND_URL is a ${scheme} backend; the audit reads update ` +
    "history from a file:// backend: copy its .pulumi/history folder into a local folder " +
    "(e.g. aws s3 sync s3://<bucket>/.pulumi/history ./state/.pulumi/history) and set " +
    "PULUMI_BACKEND_URL=file://./state");
}

function projectName(repo: string): string {
  try {
    const project = parse(readFileSync(join(repo, "Pulumi.yaml"), "utf8")) as { name?: unknown };
    return typeof project?.name === "string" ? project.name : DEFAULT_PROJECT;
  } catch {
    return DEFAULT_PROJECT;
  }
}
