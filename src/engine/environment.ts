import * as fs from "node:fs";
import * as path from "node:path";

import { LOCAL_PULUMI, TOOLS_BIN } from "./paths";

/** Options for {@link engineEnvironment}. */
export interface EngineEnvironmentOptions {
  /** The stack the engine will run on; `dev` gets a local default passphrase. */
  stack?: string;
  /** Where the `file://` backend keeps state; defaults to `.pulumi/state` in the repo. */
  stateDir?: string;
}

/** The only stack that may run with the empty default passphrase: its secrets are local. */
const LOCAL_STACK = "dev";

/**
 * The environment every project script gives the Pulumi engine: the engine from
 * `npm run setup` first on PATH, a `file://` backend inside the repo unless one is set, and the
 * switches that keep the engine off the network. Without them the CLI checks for updates and
 * tries to download plugins it cannot find (pulumi/pulumi#15647), which fails offline.
 */
export function engineEnvironment(
  options: EngineEnvironmentOptions = {},
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    PATH: [TOOLS_BIN, base.PATH ?? ""].join(path.delimiter),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: base.PULUMI_HOME ?? path.join(LOCAL_PULUMI, "home"),
    PULUMI_BACKEND_URL: base.PULUMI_BACKEND_URL ?? fileBackendUrl(options.stateDir),
    // PULUMI_DIY_BACKEND_RETAIN_CHECKPOINTS is left unset on purpose. The file backend writes
    // `.pulumi/history/<project>/<stack>/*.checkpoint.json` after every update without it (the
    // audit trail reads those); with it, it also keeps a copy of every intermediate checkpoint,
    // written once per resource step: an up that created 100 integrations left 2,218 such files
    // (1.7 GB, against 3.7 MB of history). Count and size both grow with the stack, so the disk
    // it takes grows with the square of the number of integrations.
  };

  // The passphrase encrypts secrets in state. Real stacks must bring their own (CI secrets);
  // only the local dev stack falls back to an empty one, which the engine accepts.
  const hasPassphrase =
    base.PULUMI_CONFIG_PASSPHRASE !== undefined || base.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined;
  if (!hasPassphrase && options.stack === LOCAL_STACK) env.PULUMI_CONFIG_PASSPHRASE = "";

  return env;
}

/**
 * A `file://` URL for a state folder, defaulting to `.pulumi/state` in the repo. The folder is
 * created: the file backend refuses to open one that does not exist.
 */
export function fileBackendUrl(stateDir = path.join(LOCAL_PULUMI, "state")): string {
  fs.mkdirSync(stateDir, { recursive: true });
  return `file://${stateDir}`;
}

/** An environment with its unset variables dropped, as the Automation API's `envVars` takes it. */
export function definedEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
