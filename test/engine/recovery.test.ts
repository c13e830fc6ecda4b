import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { describe, expect, it } from "vitest";

import { restoreCutCheckpoint } from "../../src/engine/recovery";

function stateWith(checkpoint: string, backup: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recovery-"));
  const stacks = path.join(dir, ".pulumi", "stacks", "sms-integrations");
  fs.mkdirSync(stacks, { recursive: true });
  fs.writeFileSync(path.join(stacks, "dev.json"), checkpoint);
  fs.writeFileSync(path.join(stacks, "dev.json.bak"), backup);
  return { dir, file: path.join(stacks, "dev.json") };
}

describe("restoring a checkpoint the killed engine cut short", () => {
  it("puts the backend's backup back and keeps the cut file beside it", () => {
    const { dir, file } = stateWith('{"version": 3, "checkpoint": {"sta', '{"version": 3}');

    expect(restoreCutCheckpoint(dir, "sms-integrations", "dev")).toBe(true);

    expect(fs.readFileSync(file, "utf8")).toBe('{"version": 3}');
    const kept = fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith("dev.json.cut-"));
    expect(kept).toHaveLength(1);
  });

  it("puts the backup back when the kill cut the checkpoint's metadata file", () => {
    const { dir, file } = stateWith('{"version": 3, "new": true}', '{"version": 3}');
    fs.writeFileSync(`${file}.attrs`, "");
    fs.writeFileSync(`${file}.bak.attrs`, '{"user.metadata": {}}');

    expect(restoreCutCheckpoint(dir, "sms-integrations", "dev")).toBe(true);

    expect(fs.readFileSync(`${file}.attrs`, "utf8")).toBe('{"user.metadata": {}}');
    expect(fs.readFileSync(file, "utf8")).toBe('{"version": 3}');
  });

  it("leaves a whole checkpoint alone", () => {
    const { dir, file } = stateWith('{"version": 3, "new": true}', '{"version": 3}');

    expect(restoreCutCheckpoint(dir, "sms-integrations", "dev")).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe('{"version": 3, "new": true}');
  });
});
