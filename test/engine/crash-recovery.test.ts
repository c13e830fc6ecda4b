import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { createTwilioClient } from "../../src/twilio/client";
import { recoverInterruptedUpdate } from "../../src/engine/recovery";
import { emulatorHook, RequestCounter } from "./emulator-hooks";
import { killUpWhen } from "./kill-engine";
import type { TestProject } from "./test-project";
import { createTestProject, repoIntegration } from "./test-project";

const NAME = "brightsmile-dental";
const PURCHASE = /\/IncomingPhoneNumbers\/TollFree\.json$/;

describe("an engine killed right after it bought a number", () => {
  let emulator: RunningEmulator;
  let project: TestProject;

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await createTestProject(emulator);
    project.writeIntegration(NAME, repoIntegration(NAME));
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("ends, after a rerun, with exactly one number and one verification", async () => {
    // Hold every call after the purchase, so the engine is killed before it saves the number.
    await emulatorHook(emulator.url, "POST", "faults", {
      rules: [
        { path: "IncomingPhoneNumbers/PN", probability: 1, latencyMs: 30_000 },
        { path: "/v1/Tollfree/Verifications", probability: 1, latencyMs: 30_000 },
      ],
    });
    const requests = new RequestCounter(emulator.url);
    await requests.mark();

    const killed = await killUpWhen(project, async () =>
      (await requests.since()).some((r) => r.method === "POST" && PURCHASE.test(r.path) &&
        r.status === 201));
    expect(killed).toBe(true);
    await emulatorHook(emulator.url, "POST", "faults", { rules: [] });

    const recovery = await recoverInterruptedUpdate(project.stack, project.stateDir);
    expect(recovery.staleLocks).toBe(1);
    const up = await project.stack.up();

    expect(up.summary.result).toBe("succeeded");
    const twilio = createTwilioClient({ accountSid: emulator.accountSid,
      authToken: emulator.authToken, baseUrl: emulator.url });
    const numbers = await twilio.incomingPhoneNumbers.list();
    expect(numbers.map((n) => n.friendlyName)).toEqual([`sms-integrations:dev/${NAME}`]);
    const verifications = await twilio.messaging.v1.tollfreeVerifications.list();
    expect(verifications.map((v) => v.tollfreePhoneNumberSid)).toEqual([numbers[0]!.sid]);
  });
});
