import type { Twilio } from "twilio";
import { afterAll, afterEach, beforeAll } from "vitest";

import { fleetSeed, generateFleet, writeFleet } from "../../../bench/fleet";
import type { FleetFile } from "../../../bench/fleet";
import type { RunningEmulator } from "../../../emulator";
import { startEmulator } from "../../../emulator";
import { createTwilioClient } from "../../../src/twilio/client";
import { emulatorHook } from "../../engine/emulator-hooks";
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

/** A block's fleet and the project of the running test. */
export interface FleetBlock {
  fleet(): SlowFleet;
  /** A fresh project for this test; it is removed after the test. */
  project(): Promise<TestProject>;
}

/**
 * Registers the hooks a block of fleet tests shares: one fleet for the block, and after each
 * test its project removed and the emulator reset (faults and request log included).
 */
export function useFleet(count: number): FleetBlock {
  let fleet: SlowFleet | undefined;
  let project: TestProject | undefined;
  const started = (): SlowFleet => {
    if (!fleet) throw new Error("the fleet starts in beforeAll; use it inside a test");
    return fleet;
  };

  beforeAll(async () => {
    fleet = await startFleet(count);
  });
  afterEach(async () => {
    project?.cleanup();
    project = undefined;
    await emulatorHook(started().emulator.url, "POST", "reset");
  });
  afterAll(async () => {
    await fleet?.close();
  });

  return { fleet: started, project: async () => (project = await fleetProject(started())) };
}
