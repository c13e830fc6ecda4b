import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

describe("the program, given a folder without integration files", () => {
  it("refuses to plan the removal of every integration unless the stack allows it", async () => {
    const types: string[] = [];
    pulumi.runtime.setAllConfig({
      "sms-integrations:webhookRuntime": "local",
      "sms-integrations:localWebhookBaseUrl": "http://127.0.0.1:4020",
      "sms-integrations:integrationsDir": fs.mkdtempSync(path.join(os.tmpdir(), "empty-")),
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
      /no integration files in .*allowNoIntegrations: true to remove every integration/,
    );
    expect(types).toEqual([]);
  });
});
