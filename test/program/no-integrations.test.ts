import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { describe, expect, it } from "vitest";

import { runMockedProgram } from "./mocked-program";

describe("the program, given a folder without integration files", () => {
  it("refuses to plan the removal of every integration unless the stack allows it", async () => {
    const { types, result } = await runMockedProgram({
      "sms-integrations:webhookRuntime": "local",
      "sms-integrations:localWebhookBaseUrl": "http://127.0.0.1:4020",
      "sms-integrations:integrationsDir": fs.mkdtempSync(path.join(os.tmpdir(), "empty-")),
    });

    await expect(result).rejects.toThrow(
      /no integration files in .*allowNoIntegrations: true to remove every integration/,
    );
    expect(types).toEqual([]);
  });
});
