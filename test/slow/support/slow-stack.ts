import type { Twilio } from "twilio";

import { fleetSeed, generateFleet, writeFleet } from "../../../bench/fleet";
import type { FleetFile } from "../../../bench/fleet";
import type { RunningEmulator } from "../../../emulator";
import { startEmulator } from "../../../emulator";
import { createTwilioClient } from "../../../src/twilio/client";
import type { TestProject } from "../../engine/test-project";
import { createTestProject } from "../../engine/test-project";

/** An emulator seeded for a generated fleet, and the fleet itself. */
export interface SlowFleet {
  emulator: RunningEmulator;
  twilio: Twilio;
  files: FleetFile[];
  close(): Promise<void>;
}

/** Starts an emulator that owns the fleet's existing numbers and has stock for its purchases. */
export async function startFleet(count: number): Promise<SlowFleet> {
  const files = generateFleet(count);
  const emulator = await startEmulator({ seed: fleetSeed(files) });
  const twilio = createTwilioClient({ accountSid: emulator.accountSid,
    authToken: emulator.authToken, baseUrl: emulator.url, retry: { baseDelayMs: 5 } });
  return { emulator, twilio, files, close: () => emulator.close() };
}

/** A fresh project (own state and stack) holding the fleet's files. */
export async function fleetProject(fleet: SlowFleet): Promise<TestProject> {
  const project = await createTestProject(fleet.emulator);
  writeFleet(project.integrationsDir, fleet.files);
  return project;
}
