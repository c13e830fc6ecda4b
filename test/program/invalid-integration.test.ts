import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import { describe, expect, it } from "vitest";

import { REPO_ROOT } from "../../src/engine/paths";

describe("the program, given an invalid integration file", () => {
  it("stops before it declares a single Twilio resource", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "invalid-integration-"));
    const file = path.join(REPO_ROOT, "integrations", "brightsmile-dental.yaml");
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
    doc.setIn(["spec", "number"], { existing: "+13125550188" });
    fs.writeFileSync(path.join(dir, "brightsmile-dental.yaml"), doc.toString());

    const types: string[] = [];
    pulumi.runtime.setAllConfig({
      "sms-integrations:webhookRuntime": "local",
      "sms-integrations:localWebhookBaseUrl": "http://127.0.0.1:4020",
      "sms-integrations:integrationsDir": dir,
    });
    await pulumi.runtime.setMocks({
      newResource: (args) => {
        types.push(args.type);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    }, "sms-integrations", "dev", false);

    const program = (await import("../../src/program/index")) as unknown as {
      default: Promise<unknown>;
    };

    await expect(program.default).rejects.toThrow(
      /1 error\(s\) in integration files, nothing was sent to Twilio/,
    );
    expect(types).toEqual([]);
  });
});
