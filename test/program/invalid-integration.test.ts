import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import YAML from "yaml";
import { describe, expect, it } from "vitest";

import { runMockedProgram } from "./mocked-program";

import { REPO_ROOT } from "../../src/engine/paths";

describe("the program, given an invalid integration file", () => {
  it("stops before it declares a single Twilio resource", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "invalid-integration-"));
    const file = path.join(REPO_ROOT, "integrations", "brightsmile-dental.yaml");
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"));
    doc.setIn(["spec", "number"], { existing: "+13125550188" });
    fs.writeFileSync(path.join(dir, "brightsmile-dental.yaml"), doc.toString());

    const { types, result } = await runMockedProgram({
      "sms-integrations:webhookRuntime": "local",
      "sms-integrations:localWebhookBaseUrl": "http://127.0.0.1:4020",
      "sms-integrations:integrationsDir": dir,
    });

    await expect(result).rejects.toThrow(
      /1 error\(s\) in integration files, nothing was sent to Twilio/,
    );
    expect(types).toEqual([]);
  });
});
