import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { startEmulator } from "../../emulator";
import { createTwilioClient } from "../../src/twilio/client";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe("the state file", () => {
  it("keeps numbers and verifications across restarts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "emulator-state-"));
    dirs.push(dir);
    const stateFile = path.join(dir, "state.json");
    const credentials = { accountSid: `AC${"1".repeat(32)}`, authToken: "dev-token" };

    const first = await startEmulator({ ...credentials, stateFile });
    const client = createTwilioClient({ ...credentials, baseUrl: first.url });
    const [candidate] = await client.availablePhoneNumbers("US").tollFree.list({ limit: 1 });
    const bought = await client.incomingPhoneNumbers.create({ phoneNumber: candidate.phoneNumber });
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, "utf8"))).toMatchObject({ version: 1 });

    const second = await startEmulator({ ...credentials, stateFile });
    const again = createTwilioClient({ ...credentials, baseUrl: second.url });
    const fetched = await again.incomingPhoneNumbers(bought.sid).fetch();
    expect(fetched.phoneNumber).toBe(candidate.phoneNumber);
    const stock = await again.availablePhoneNumbers("US").tollFree.list({ limit: 1000 });
    expect(stock.map((n) => n.phoneNumber)).not.toContain(candidate.phoneNumber);
    await second.close();
  });
});
