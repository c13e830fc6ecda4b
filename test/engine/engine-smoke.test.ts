import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { pulumiCommand } from "../../src/engine/command";
import { definedEnvironment, engineEnvironment } from "../../src/engine/environment";
import { REPO_ROOT } from "../../src/engine/paths";

// A program with one dynamic resource whose provider records each call in a file, so the test
// sees what the engine asked the provider to do, not only what it reports.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) {
    require("fs").appendFileSync(inputs.journal, "create\\n");
    return { id: "greeting-1", outs: { ...inputs, text: "hello " + inputs.name } };
  },
  async delete(_id, props) {
    require("fs").appendFileSync(props.journal, "delete\\n");
  },
};
class Greeting extends pulumi.dynamic.Resource {
  constructor(name, props) { super(provider, name, { text: undefined, ...props }); }
}
const greeting = new Greeting("greeting", { name: "engine", journal: process.env.JOURNAL });
exports.text = greeting.text;
`;

describe("the Pulumi engine from npm run setup", () => {
  let dir: string;
  let journal: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-smoke-"));
    journal = path.join(dir, "journal.txt");
    const program = path.join(dir, "program");
    fs.mkdirSync(program);
    fs.writeFileSync(path.join(program, "index.js"), PROGRAM);
    fs.writeFileSync(
      path.join(program, "Pulumi.yaml"),
      "name: engine-smoke\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
    );
    fs.writeFileSync(path.join(program, "package.json"), '{"name":"engine-smoke"}\n');
    // The dynamic-provider plugin resolves @pulumi/pulumi from the program folder.
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(program, "node_modules"));
    fs.mkdirSync(path.join(dir, "state"));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs up, a preview with no changes, and destroy of a dynamic resource", async () => {
    const envVars = engineEnvironment({ stack: "dev", stateDir: path.join(dir, "state") });
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "dev", workDir: path.join(dir, "program") },
      {
        pulumiCommand: await pulumiCommand(),
        envVars: { ...definedEnvironment(envVars), JOURNAL: journal },
      },
    );

    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(up.outputs.text?.value).toBe("hello engine");

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2 });

    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    expect(fs.readFileSync(journal, "utf8")).toBe("create\ndelete\n");
  });
});
