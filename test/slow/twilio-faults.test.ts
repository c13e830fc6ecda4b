import { describe, expect, it } from "vitest";

import type { FaultConfig, RequestLogEntry } from "../../emulator";
import { emulatorHook, RequestCounter } from "../engine/emulator-hooks";
import type { TestProject } from "../engine/test-project";
import { convergenceProblems, readHoldings } from "./support/convergence";
import { useFleet } from "./support/slow-stack";

const FLEET = 50;
/** Ups before the test gives up: each failed up leaves less to do for the next. */
const MAX_UPS = 3;
/**
 * Three status rules, each hitting with probability P what the ones before left through:
 * 1 - (1 - P)^3 = 0.2, so 20% of calls answer 429, 500 or 503 without being processed.
 */
const P = 1 - Math.cbrt(0.8);
const FAILING: FaultConfig["rules"] = [
  { probability: P, status: 429 },
  { probability: P, status: 500 },
  { probability: P, status: 503 },
  // Latency spikes: one call in twenty waits a second and a half.
  { probability: 0.05, latencyMs: 1_500 },
];
/** Answers lost after the work was done: a purchase or submission that did happen. */
const LOST_ANSWERS: FaultConfig["rules"] = [{ method: "POST", probability: 0.05, drop: "after" }];

describe("up of 50 integrations while Twilio fails a fifth of its calls", () => {
  const block = useFleet(FLEET);

  it.each([
    ["429, 500 and 503 on 20% of calls, with latency spikes", FAILING, 1],
    ["the same, and 5% of POSTs whose answer is lost after Twilio did the work",
      [...LOST_ANSWERS, ...FAILING], 2],
  ])("converges under %s: one number per integration, one verification per number",
    async (_title, rules, seed) => {
      const fleet = block.fleet();
      const project = await block.project();
      await emulatorHook(fleet.emulator.url, "POST", "faults", { rules, seed });

      const ups = await upUntilConverged(project);

      const log = await emulatorHook<{ requests: RequestLogEntry[] }>(fleet.emulator.url, "GET",
        "requests?since=0");
      const failed = log.requests.filter((r) => [429, 500, 503].includes(r.fault?.status ?? 0));
      expect(failed.length / log.requests.length).toBeGreaterThan(0.12);
      expect(ups.attempts).toBeLessThanOrEqual(MAX_UPS);

      await emulatorHook(fleet.emulator.url, "POST", "faults", { rules: [] });
      const held = await readHoldings(fleet.twilio, project.stack);
      expect(convergenceProblems(fleet.files, held)).toEqual([]);

      const requests = new RequestCounter(fleet.emulator.url);
      await requests.mark();
      const preview = await project.stack.preview();
      expect(Object.keys(preview.changeSummary)).toEqual(["same"]);
      expect(await requests.since()).toEqual([]);
    });
});

/** Runs `up` until one succeeds, at most {@link MAX_UPS} times, and says how it went. */
async function upUntilConverged(project: TestProject):
  Promise<{ attempts: number; failures: string[] }> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= MAX_UPS; attempt++) {
    try {
      const up = await project.stack.up();
      if (up.summary.result === "succeeded") return { attempts: attempt, failures };
      failures.push(`up ${attempt}: ${up.summary.result}`);
    } catch (err) {
      failures.push(`up ${attempt}: ${firstError(err)}`);
    }
  }
  throw new Error(`up did not succeed in ${MAX_UPS} attempts:\n${failures.join("\n")}`);
}

/** The first diagnostic line of a failed engine run, not its whole output. */
function firstError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n").find((line) => /error:/.test(line))?.trim() ?? text.slice(0, 300);
}
