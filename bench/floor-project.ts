import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { LocalWorkspace } from "@pulumi/pulumi/automation";
import type { Stack } from "@pulumi/pulumi/automation";

import { pulumiCommand } from "../src/engine/command";
import { definedEnvironment, engineEnvironment } from "../src/engine/environment";
import { REPO_ROOT } from "../src/engine/paths";

/**
 * The floor of an engine operation: a program of plain JavaScript that declares `RESOURCES`
 * dynamic resources whose provider does nothing (create echoes its inputs, read returns the
 * state, diff compares inputs). It is what the engine and the dynamic-provider host cost with
 * nothing of ours in the way: no integration files, no TypeScript, no Twilio call.
 */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) { return { id: inputs.key, outs: inputs }; },
  async read(id, props) { return { id, props }; },
  async diff(_id, olds, news) { return { changes: JSON.stringify(olds) !== JSON.stringify(news) }; },
};
class Noop extends pulumi.dynamic.Resource {
  constructor(name, props) { super(provider, name, props); }
}
const count = Number(process.env.FLOOR_RESOURCES);
for (let i = 0; i < count; i++) {
  new Noop("noop-" + i, { key: "noop-" + i, text: "the same few fields an integration has" });
}
`;

/** A floor program in a temporary folder, with its own `file://` state. */
export interface FloorProject {
  stack: Stack;
  cleanup(): void;
}

/** Lays out the floor program with `resources` dynamic resources and selects its stack. */
export async function createFloorProject(resources: number): Promise<FloorProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sms-integrations-floor-"));
  const program = path.join(dir, "program");
  fs.mkdirSync(program);
  fs.writeFileSync(path.join(program, "index.js"), PROGRAM);
  fs.writeFileSync(path.join(program, "Pulumi.yaml"),
    "name: floor\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
  fs.writeFileSync(path.join(program, "package.json"), '{"name":"floor"}\n');
  // The dynamic-provider host resolves @pulumi/pulumi from the program folder.
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(program, "node_modules"));

  const env = engineEnvironment({ stack: "dev", stateDir: path.join(dir, "state") });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "dev", workDir: program },
    { pulumiCommand: await pulumiCommand(),
      envVars: { ...definedEnvironment(env), FLOOR_RESOURCES: String(resources) } },
  );
  return { stack, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
