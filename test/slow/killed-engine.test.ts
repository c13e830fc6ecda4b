import { describe, expect, it } from "vitest";

import { seededRandom } from "../../emulator/random";
import { recoverInterruptedUpdate } from "../../src/engine/recovery";
import { emulatorHook } from "../engine/emulator-hooks";
import { convergenceProblems, readHoldings } from "./support/convergence";
import { killUpWhen } from "../engine/kill-engine";
import { useFleet } from "./support/slow-stack";

/** Six integrations: four purchases (US and CA) and two existing numbers. */
const FLEET = 6;
const TRIALS = 12;
/** An up of the six makes about 40 Twilio calls; every kill point lies well before its end. */
const LAST_KILL_POINT = 32;
/**
 * Every call waits a little while the engine runs to be killed, so calls are in flight when it
 * dies (their work then happens with no one to hear the answer) and the kill lands at its point.
 */
const IN_FLIGHT_MS = 40;

const random = seededRandom(20261203);
const KILL_POINTS = Array.from({ length: TRIALS }, (_, i) =>
  [i + 1, 1 + Math.floor(random() * LAST_KILL_POINT)] as const);

describe("an engine killed at a random point of up, then recovered and run again", () => {
  const block = useFleet(FLEET);

  it.each(KILL_POINTS)("trial %i, killed after %i Twilio answers: converges, nothing twice, " +
    "no orphaned verification", async (_trial, killPoint) => {
    const fleet = block.fleet();
    const project = await block.project();
    await emulatorHook(fleet.emulator.url, "POST", "faults",
      { rules: [{ probability: 1, latencyMs: IN_FLIGHT_MS }] });

    // The log's indexes keep counting across resets: count from where this trial starts.
    const start = await answered();
    const killed = await killUpWhen(project, async () => (await answered()) - start >= killPoint);
    expect(killed).toBe(true);
    await emulatorHook(fleet.emulator.url, "POST", "faults", { rules: [] });

    const recovery = await recoverInterruptedUpdate(project.stack, project.stateDir);
    expect(recovery.staleLocks).toBe(1);
    const up = await project.stack.up();

    expect(up.summary.result).toBe("succeeded");
    const held = await readHoldings(fleet.twilio, project.stack);
    expect(convergenceProblems(fleet.files, held)).toEqual([]);
  });

  async function answered(): Promise<number> {
    const log = await emulatorHook<{ nextIndex: number }>(block.fleet().emulator.url, "GET",
      "requests?since=999999999");
    return log.nextIndex;
  }
});
