import type { Stack } from "@pulumi/pulumi/automation";

import type { FaultConfig } from "../emulator";
import { startEmulator } from "../emulator";
import { emulatorHook, RequestCounter } from "../test/engine/emulator-hooks";
import { createTestProject } from "../test/engine/test-project";
import { fleetSeed, generateFleet, writeFleet } from "./fleet";
import { createFloorProject } from "./floor-project";
import type { CallCount } from "./twilio-calls";
import { countCalls } from "./twilio-calls";

/** Dynamic resources per integration: number, webhook binding, verification, local route. */
export const DYNAMIC_PER_INTEGRATION = 4;

/**
 * The engine operations measured, in the order they run on one stack: `up` creates every
 * integration, `preview` then finds nothing to change, `refresh` reads everything back.
 */
export const ENGINE_OPERATIONS = ["up", "preview", "refresh"] as const;
export type EngineOperation = (typeof ENGINE_OPERATIONS)[number];

/** How the engine ran: as every project script runs it, or without per-step checkpoints. */
export type CheckpointMode = "every-step" | "skipped";

/** One operation on N integrations, and on the floor of as many dynamic resources. */
export interface EngineFigure {
  integrations: number;
  operation: EngineOperation;
  checkpoints: CheckpointMode;
  ms: number;
  floorMs: number;
  calls: CallCount;
  /** What the engine reported, e.g. `{create: 401}` or `{same: 401}`. */
  changes: Record<string, number>;
}

/** Options of {@link benchEngine}. */
export interface EngineBenchOptions {
  /**
   * Run `up` with PULUMI_SKIP_CHECKPOINTS=true, for ours and the floor alike. The file backend
   * rewrites the whole state at every resource step, so an up creating N integrations costs
   * O(N²) in checkpoints: at 1,000 that is hours on this machine, not minutes.
   */
  skipCheckpointsOnUp?: boolean;
}

/**
 * Runs up, preview and refresh on a fresh stack of `count` generated integrations against the
 * emulator, then the same three on the floor program with as many dynamic resources.
 */
export async function benchEngine(count: number, options: EngineBenchOptions = {}):
  Promise<EngineFigure[]> {
  const ours = await measureProgram(count, options);
  const floor = await measureFloor(count * DYNAMIC_PER_INTEGRATION, options);
  return ours.map((figure) => ({ ...figure, floorMs: floor.get(figure.operation)! }));
}

type OwnFigure = Omit<EngineFigure, "floorMs">;

async function measureProgram(count: number, options: EngineBenchOptions): Promise<OwnFigure[]> {
  const files = generateFleet(count);
  const emulator = await startEmulator({ seed: fleetSeed(files) });
  const project = await createTestProject(emulator);
  try {
    writeFleet(project.integrationsDir, files);
    const requests = new RequestCounter(emulator.url);
    const figures: OwnFigure[] = [];
    for (const operation of ENGINE_OPERATIONS) {
      const checkpoints = checkpointMode(operation, options);
      await requests.mark();
      const { ms, changes } = await run(project.stack, operation, checkpoints);
      figures.push({ integrations: count, operation, checkpoints, ms, changes,
        calls: countCalls(await requests.since()) });
    }
    return figures;
  } finally {
    project.cleanup();
    await emulator.close();
  }
}

async function measureFloor(resources: number, options: EngineBenchOptions):
  Promise<Map<EngineOperation, number>> {
  const floor = await createFloorProject(resources);
  try {
    const times = new Map<EngineOperation, number>();
    for (const operation of ENGINE_OPERATIONS) {
      const result = await run(floor.stack, operation, checkpointMode(operation, options));
      times.set(operation, result.ms);
    }
    return times;
  } finally {
    floor.cleanup();
  }
}

/** An up at a latency per Twilio call: what bounded concurrency makes of the serial time. */
export interface LatencyFigure {
  integrations: number;
  latencyMs: number;
  /** Both ups skip per-step checkpoints, so their writes do not hide the calls' latency. */
  checkpoints: CheckpointMode;
  ms: number;
  /** The same up of as many new integrations without latency: engine and provider work. */
  withoutLatencyMs: number;
  calls: CallCount;
  /** Every call one after the other: calls x latency. */
  serialMs: number;
}

/**
 * Runs `up` of `count` new integrations twice on fresh stacks: once as is, once while the
 * emulator holds every Twilio call for `latencyMs` (fault rule `latencyMs`, probability 1).
 * The difference is what the latency cost; the serial time is what it would cost one call at
 * a time. Both skip per-step checkpoints: on the file backend their writes take longer than
 * the calls and would hide them.
 */
export async function benchLatency(count: number, latencyMs: number): Promise<LatencyFigure> {
  const without = await upOfNew(count, 0);
  const slow = await upOfNew(count, latencyMs);
  return { integrations: count, latencyMs, checkpoints: "skipped", ms: slow.ms,
    withoutLatencyMs: without.ms, calls: slow.calls, serialMs: slow.calls.total * latencyMs };
}

async function upOfNew(count: number, latencyMs: number):
  Promise<{ ms: number; calls: CallCount }> {
  const files = generateFleet(count);
  const emulator = await startEmulator({ seed: fleetSeed(files) });
  const project = await createTestProject(emulator);
  try {
    writeFleet(project.integrationsDir, files);
    if (latencyMs > 0) {
      const faults: FaultConfig = { rules: [{ probability: 1, latencyMs }], seed: 1 };
      await emulatorHook(emulator.url, "POST", "faults", faults);
    }
    const requests = new RequestCounter(emulator.url);
    await requests.mark();
    const { ms } = await run(project.stack, "up", "skipped");
    return { ms, calls: countCalls(await requests.since()) };
  } finally {
    project.cleanup();
    await emulator.close();
  }
}

function checkpointMode(operation: EngineOperation, options: EngineBenchOptions): CheckpointMode {
  return operation === "up" && options.skipCheckpointsOnUp ? "skipped" : "every-step";
}

/** Runs one operation and times it from the call to the engine's exit. */
async function run(
  stack: Stack,
  operation: EngineOperation,
  checkpoints: CheckpointMode,
): Promise<{ ms: number; changes: Record<string, number> }> {
  const env = stack.workspace.envVars;
  if (checkpoints === "skipped") env.PULUMI_SKIP_CHECKPOINTS = "true";
  else delete env.PULUMI_SKIP_CHECKPOINTS;

  const started = performance.now();
  const changes = await operate(stack, operation);
  return { ms: performance.now() - started, changes };
}

async function operate(stack: Stack, operation: EngineOperation) {
  if (operation === "up") return plain((await stack.up()).summary.resourceChanges);
  if (operation === "refresh") return plain((await stack.refresh()).summary.resourceChanges);
  return plain((await stack.preview()).changeSummary);
}

function plain(changes: object | undefined): Record<string, number> {
  return { ...(changes ?? {}) } as Record<string, number>;
}
