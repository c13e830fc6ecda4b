import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { Stack } from "@pulumi/pulumi/automation";
import YAML from "yaml";

import { pulumiCommand } from "../../src/engine/command";
import { definedEnvironment, engineEnvironment } from "../../src/engine/environment";
import { REPO_ROOT } from "../../src/engine/paths";

/** The project folders the program and its dynamic providers load at run time. */
const LINKED = ["src", "components", "handlers", "agent", "node_modules", "package.json"];

/** What a test needs to reach the emulator it runs against. */
export interface TwilioTarget {
  url: string;
  accountSid: string;
  authToken: string;
}

/** A copy of the project in a temporary folder, with its own integrations, routes and state. */
export interface TestProject {
  dir: string;
  integrationsDir: string;
  routesDir: string;
  stateDir: string;
  stack: Stack;
  /** The environment the engine runs with, for driving the CLI directly. */
  env: Record<string, string>;
  /** Writes `integrations/<name>.yaml` from an object. */
  writeIntegration(name: string, integration: unknown): void;
  removeIntegration(name: string): void;
  cleanup(): void;
}

/**
 * Lays out the project in a temporary folder: the real Pulumi.yaml shape and program, linked
 * from the repository, with integration files, routes and a `file://` state of its own, so
 * engine tests never touch the checkout's state or `integrations/`.
 */
export async function createTestProject(
  twilio: TwilioTarget,
  options: { webhookBaseUrl?: string } = {},
): Promise<TestProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sms-integrations-engine-"));
  const integrationsDir = path.join(dir, "integrations");
  const routesDir = path.join(dir, "routes");
  const stateDir = path.join(dir, "state");
  fs.mkdirSync(integrationsDir);
  fs.mkdirSync(stateDir);
  for (const entry of LINKED) fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(dir, entry));
  fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));

  const env = {
    ...definedEnvironment(engineEnvironment({ stack: "dev", stateDir })),
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    TWILIO_RETRY_BASE_MS: "5",
  };
  delete (env as Record<string, string | undefined>).TWILIO_API_KEY;
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "dev", workDir: dir },
    { pulumiCommand: await pulumiCommand(), envVars: env },
  );
  await stack.setAllConfig({
    "sms-integrations:webhookRuntime": { value: "local" },
    "sms-integrations:localWebhookBaseUrl": {
      value: options.webhookBaseUrl ?? "http://127.0.0.1:4020",
    },
    "sms-integrations:integrationsDir": { value: integrationsDir },
    "sms-integrations:localRoutesDir": { value: routesDir },
  });

  return {
    dir,
    integrationsDir,
    routesDir,
    stateDir,
    stack,
    env,
    writeIntegration(name, integration) {
      fs.writeFileSync(path.join(integrationsDir, `${name}.yaml`), YAML.stringify(integration));
    },
    removeIntegration(name) {
      fs.rmSync(path.join(integrationsDir, `${name}.yaml`));
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The integration files of the repository (the intake records), as plain objects. */
export function repoIntegration(name: string): Record<string, unknown> {
  const file = path.join(REPO_ROOT, "integrations", `${name}.yaml`);
  return YAML.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}
