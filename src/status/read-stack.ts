import { LocalWorkspace } from "@pulumi/pulumi/automation";

import { pulumiCommand } from "../engine/command";
import { engineEnvironment } from "../engine/environment";
import { REPO_ROOT } from "../engine/paths";
import { resourcesOf, type StateResource } from "./deployment";

/** The stack cannot be read; the message says why and what to do, in one line. */
export class StackReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackReadError";
  }
}

/** How to read a stack. */
export interface ReadStackOptions {
  stack: string;
  /** Run `pulumi refresh` first, so the state has Twilio's latest view. */
  refresh?: boolean;
  /** The project folder (Pulumi.yaml); the repository by default. */
  workDir?: string;
  /** Environment for the engine, before the project's engine settings are added. */
  env?: NodeJS.ProcessEnv;
  /** Where the refresh's progress goes (standard error for the CLI). */
  onOutput?: (text: string) => void;
}

/** A stack's resources and its configuration (secret values stay encrypted). */
export interface StackRead {
  resources: StateResource[];
  config: Record<string, string>;
}

/**
 * The resources of a stack's state, through the Automation API on the project's engine:
 * `pulumi stack export`, after `pulumi refresh` when asked. The export holds the stack outputs
 * and every resource's outputs, which after a refresh are newer than the stack outputs.
 */
export async function readStackResources(options: ReadStackOptions): Promise<StackRead> {
  const env = Object.fromEntries(
    Object.entries(engineEnvironment({ stack: options.stack }, options.env))
      .filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const workDir = options.workDir ?? REPO_ROOT;
  const command = await pulumiCommand().catch((err: unknown) => {
    throw new StackReadError(err instanceof Error ? err.message : String(err));
  });

  const stack = await LocalWorkspace.selectStack(
    { stackName: options.stack, workDir },
    { pulumiCommand: command, envVars: env },
  ).catch((err: unknown) => {
    throw new StackReadError(`stack ${options.stack} cannot be selected in ` +
      `${env.PULUMI_BACKEND_URL}: ${firstLine(err)}; create it with npm start (dev) or ` +
      `npm run up -- --stack ${options.stack}`);
  });

  try {
    if (options.refresh) await stack.refresh({ onOutput: options.onOutput });
    const config = Object.fromEntries(
      Object.entries(await stack.getAllConfig()).map(([key, item]) => [key, item.value]),
    );
    return { resources: resourcesOf(await stack.exportStack()), config };
  } catch (err) {
    throw new StackReadError(`reading stack ${options.stack} failed: ${firstLine(err)}`);
  }
}

// Automation API errors carry the whole CLI output; its last "error:" line says what failed.
function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const lines = message.split("\n").map((l) => l.trim()).filter(Boolean);
  const error = [...lines].reverse().find((l) => /^error:/i.test(l)) ?? lines[0];
  return (error ?? "unknown error").replace(/^error:\s*/i, "");
}
