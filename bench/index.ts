/**
 * `npm run bench [-- --quick]`: the benchmarks of issue 8, each against its floor. Prints one
 * table of figures, the targets as PASS/FAIL and the sharding fit, writes everything as JSON
 * to bench/results/ (git-ignored), and exits 1 when a target fails. BENCHMARKS.md explains how
 * to read the figures. `--quick` runs smaller sizes, for trying a change, not for the record.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import type { EngineFigure } from "./engine-bench";
import { benchEngine, benchLatency } from "./engine-bench";
import { benchLambda } from "./lambda-bench";
import type { BenchResults } from "./report";
import { checkTargets, fitSharding, formatSharding, formatTable } from "./report";
import type { ValidateFigure } from "./validate-bench";
import { benchValidate } from "./validate-bench";
import { benchWebhook } from "./webhook-bench";

/** Sizes and durations of a run. */
interface Plan {
  validate: { files: number; runs: number }[];
  engine: { integrations: number; skipCheckpointsOnUp: boolean }[];
  latencyIntegrations: number;
  webhookSeconds: number;
  /** Bare and runtime runs back to back, this many times; the median round is reported. */
  webhookRounds: number;
  lambdaRuns: number;
}

const FULL: Plan = {
  validate: [{ files: 1_000, runs: 5 }, { files: 10_000, runs: 2 }],
  engine: [
    { integrations: 10, skipCheckpointsOnUp: false },
    { integrations: 100, skipCheckpointsOnUp: false },
    // An up creating 1,000 integrations with a checkpoint per step takes hours (the whole
    // state is rewritten at every step); see engine-bench.ts and BENCHMARKS.md.
    { integrations: 1_000, skipCheckpointsOnUp: true },
  ],
  latencyIntegrations: 100,
  webhookSeconds: 8,
  webhookRounds: 5,
  lambdaRuns: 3,
};

const QUICK: Plan = {
  validate: [{ files: 1_000, runs: 2 }],
  engine: [
    { integrations: 10, skipCheckpointsOnUp: false },
    { integrations: 50, skipCheckpointsOnUp: false },
  ],
  latencyIntegrations: 50,
  webhookSeconds: 3,
  webhookRounds: 1,
  lambdaRuns: 1,
};

const LATENCY_MS = 100;
const WEBHOOK_CONNECTIONS = 10;
const RESULTS_DIR = path.join(__dirname, "results");

async function main(args: string[]): Promise<number> {
  const quick = args.includes("--quick");
  const plan = quick ? QUICK : FULL;
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg();

  const validate: ValidateFigure[] = [];
  for (const { files, runs } of plan.validate) {
    validate.push(await step(`validate ${files} files`, () => benchValidate(files, runs)));
  }
  const lambda = await step("inbound function cold start", () => benchLambda(plan.lambdaRuns));
  const webhook = await step("webhook under load",
    () => benchWebhook(WEBHOOK_CONNECTIONS, plan.webhookSeconds, plan.webhookRounds));
  const engine: EngineFigure[] = [];
  for (const { integrations, skipCheckpointsOnUp } of plan.engine) {
    engine.push(...await step(`engine, ${integrations} integrations`,
      () => benchEngine(integrations, { skipCheckpointsOnUp })));
  }
  const latency = await step(`up with and without ${LATENCY_MS} ms per Twilio call`,
    () => benchLatency(plan.latencyIntegrations, LATENCY_MS));

  const measured = {
    startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), quick,
    machine: { cpus: os.cpus().length, node: process.version, loadAverageAtStart,
      loadAverageAtEnd: os.loadavg() },
    validate, engine, webhook, lambda, latency,
  };
  const results: BenchResults = { ...measured, targets: checkTargets(measured),
    sharding: fitSharding(engine) };
  report(results, startedAt);
  return results.targets.every((t) => t.pass) ? 0 : 1;
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stderr.write(`bench: ${name}...`);
  const value = await run();
  process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  return value;
}

function report(results: BenchResults, startedAt: Date): void {
  const minutes = (Date.now() - startedAt.getTime()) / 60_000;
  const { cpus, node, loadAverageAtStart: load } = results.machine;
  console.log(`\n${results.quick ? "quick run" : "full run"}: ${cpus} cores, node ${node}, ` +
    `load average ${load.map((l) => l.toFixed(1)).join(" ")} at start, ` +
    `${minutes.toFixed(1)} minutes\n`);
  console.log(formatTable(results));
  console.log("\ntargets:");
  for (const t of results.targets) {
    console.log(`  ${t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.measured}`);
  }
  console.log(`\nsharding (no-op preview against N):\n` +
    `${formatSharding(results.sharding, [1_000, 10_000], 4)}`);

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = path.join(RESULTS_DIR, `bench-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, json);
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), json);
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
