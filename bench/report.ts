import { textTable } from "../src/status/text-table";
import type { EngineFigure, LatencyFigure } from "./engine-bench";
import type { LambdaFigure } from "./lambda-bench";
import type { ValidateFigure } from "./validate-bench";
import { roundRatio } from "./webhook-bench";
import type { LoadResult, WebhookFigure } from "./webhook-bench";

/** Everything one `npm run bench` measured, as written to bench/results/. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  machine: { cpus: number; node: string; loadAverageAtStart: number[];
    loadAverageAtEnd: number[] };
  validate: ValidateFigure[];
  engine: EngineFigure[];
  latency: LatencyFigure;
  webhook: WebhookFigure;
  lambda: LambdaFigure;
  targets: Target[];
  sharding: ShardingFit;
}

/** A target of issue 8, held by the figures. */
export interface Target {
  name: string;
  measured: string;
  pass: boolean;
}

/** Preview time as a fixed cost plus a cost per integration, fitted to the figures. */
export interface ShardingFit {
  fixedMs: number;
  perIntegrationMs: number;
  /** Where the per-integration part equals the fixed part: below, splitting buys little. */
  breakEvenIntegrations: number;
}

const ms = (value: number) => value >= 10_000 ? `${(value / 1000).toFixed(1)} s`
  : `${Math.round(value)} ms`;
const ratio = (ours: number, floor: number) => `${(ours / floor).toFixed(2)}x`;
const count = (value: number) => value.toLocaleString("en-US");

/** The table printed at the end of a run: one row per figure, with its floor and ratio. */
export function formatTable(results: BenchResults): string {
  const rows: string[][] = [
    ...results.validate.map((v) => [`validate ${count(v.files)} files`, ms(v.validateMs),
      `${ms(v.parseMs)} (read + YAML.parse)`, ratio(v.validateMs, v.parseMs), "-"]),
    ...results.engine.map(engineRow),
    ...latencyRow(results.latency),
    ...webhookRows(results.webhook),
    ...lambdaRows(results.lambda),
  ];
  return textTable(["measure", "ours", "floor", "ratio", "Twilio calls"], rows);
}

function engineRow(f: EngineFigure): string[] {
  const mode = f.checkpoints === "skipped" ? " (checkpoints skipped)" : "";
  const lists = f.operation === "refresh"
    ? ` (lists: ${f.calls.lists.numbers} numbers, ${f.calls.lists.verifications} verifications)`
    : "";
  const floor = `${ms(f.floorMs)} (${count(f.integrations * 4)} no-op dynamic resources)`;
  return [`${f.operation} ${count(f.integrations)} integrations${mode}`, ms(f.ms), floor,
    ratio(f.ms, f.floorMs), `${count(f.calls.total)}${lists}`];
}

function latencyRow(l: LatencyFigure): string[][] {
  const added = l.ms - l.withoutLatencyMs;
  const mode = l.checkpoints === "skipped" ? " (checkpoints skipped)" : "";
  return [
    [`up ${l.integrations} integrations at ${l.latencyMs} ms per call${mode}`, ms(l.ms),
      `${ms(l.withoutLatencyMs)} (no latency)`, ratio(l.ms, l.withoutLatencyMs),
      count(l.calls.total)],
    [`  time the latency added`, ms(added), `${ms(l.serialMs)} (serial: calls x ` +
      `${l.latencyMs} ms)`, ratio(added, l.serialMs), "-"],
  ];
}

function webhookRows(w: WebhookFigure): string[][] {
  const load = `${w.connections} connections, ${w.durationSeconds} s, agent answering in ` +
    `${ms(w.agentDelayMs)}`;
  const e2e = w.endToEnd;
  return [
    [`local webhook runtime, requests/s (${load})`, w.runtime.requestsPerSecond.toFixed(0),
      `${w.bare.requestsPerSecond.toFixed(0)} (bare node:http)`,
      ratio(w.runtime.requestsPerSecond, w.bare.requestsPerSecond), "-"],
    ["local webhook runtime, p50 / p99 latency", `${w.runtime.p50Ms} ms / ${w.runtime.p99Ms} ms`,
      `${w.bare.p50Ms} ms / ${w.bare.p99Ms} ms`, latencyRatios(w.runtime, w.bare), "-"],
    ["  replies its worker sent meanwhile", count(w.runtimeReplies), "-", "-", "-"],
    ["  each round, runtime / bare requests/s (the median round is shown above)",
      w.rounds.map((r) => `${count(Math.round(r.runtime.requestsPerSecond))} / ` +
        `${count(Math.round(r.bare.requestsPerSecond))}`).join("; "), "-",
      w.rounds.map((r) => `${roundRatio(r).toFixed(2)}x`).join(", "), "-"],
    ["end to end, agent answering at once: replies/s", e2e.repliesPerSecond.toFixed(0),
      `${e2e.relay.requestsPerSecond.toFixed(0)} (node:http + one agent call)`,
      ratio(e2e.repliesPerSecond, e2e.relay.requestsPerSecond), "-"],
    ["  its webhook meanwhile, requests/s", e2e.runtime.requestsPerSecond.toFixed(0),
      `${w.bare.requestsPerSecond.toFixed(0)} (bare node:http)`,
      ratio(e2e.runtime.requestsPerSecond, w.bare.requestsPerSecond), "-"],
  ];
}

function latencyRatios(ours: LoadResult, floor: LoadResult): string {
  const one = (a: number, b: number) => b ? ratio(a, b) : "-";
  return `${one(ours.p50Ms, floor.p50Ms)} / ${one(ours.p99Ms, floor.p99Ms)}`;
}

function lambdaRows(l: LambdaFigure): string[][] {
  return [
    ["inbound function bundle", `${(l.bundleBytes / 1024).toFixed(0)} KiB`,
      `${(l.gzipBytes / 1024).toFixed(0)} KiB gzipped`, "-", "-"],
    ["inbound cold start: node to exit", ms(l.processMs),
      `${ms(l.emptyProcessMs)} (node, empty script)`, ratio(l.processMs, l.emptyProcessMs), "-"],
    ["inbound cold start: require / first invocation",
      `${ms(l.requireMs)} / ${ms(l.firstInvocationMs)}`, "-", "-", "-"],
  ];
}

/** Issue 8's targets against the figures. */
export function checkTargets(results: Omit<BenchResults, "targets" | "sharding">): Target[] {
  const previews = results.engine.filter((f) => f.operation === "preview");
  const refreshes = results.engine.filter((f) => f.operation === "refresh");
  const { latency, webhook } = results;
  const added = latency.ms - latency.withoutLatencyMs;
  const throughput = webhook.runtime.requestsPerSecond / webhook.bare.requestsPerSecond;

  return [
    { name: "a no-op preview makes zero Twilio calls",
      measured: previews.map((f) => `${f.integrations}: ${f.calls.total}`).join(", "),
      pass: previews.every((f) => f.calls.total === 0) },
    { name: "refresh of N: at most ceil(N/1000) + 1 list calls per collection, plus 2",
      measured: refreshes.map((f) => `${f.integrations}: ${f.calls.lists.numbers} + ` +
        `${f.calls.lists.verifications} of ${f.calls.total}`).join(", "),
      pass: refreshes.every(refreshWithinBound) },
    { name: "validate within 1.5x of read + parse",
      measured: results.validate.map((v) => `${count(v.files)}: ${ratio(v.validateMs,
        v.parseMs)}`).join(", "),
      pass: results.validate.every((v) => v.validateMs <= 1.5 * v.parseMs) },
    { name: "bounded concurrency: latency adds at most a quarter of the serial time",
      measured: `+${ms(added)} against ${ms(latency.serialMs)} serial`,
      pass: added <= latency.serialMs / 4 },
    { name: "local webhook runtime at 70% or more of the bare server's requests/s",
      measured: `${(throughput * 100).toFixed(0)}% (rounds: ${webhook.rounds.map((r) =>
        `${(roundRatio(r) * 100).toFixed(0)}%`).join(", ")}; the median counts)`,
      pass: throughput >= 0.7 },
  ];
}

/**
 * Pages of 1,000 per collection, one more for a last page Twilio may announce, and a constant
 * for the account-wide reads (Messaging Services); never a fetch per resource.
 */
function refreshWithinBound(f: EngineFigure): boolean {
  const pages = Math.ceil(f.integrations / 1000) + 1;
  const { numbers, verifications } = f.calls.lists;
  const perResource = Object.keys(f.calls.byEndpoint).filter((e) => PER_RESOURCE.test(e));
  return numbers <= pages && verifications <= pages && perResource.length === 0 &&
    f.calls.total <= numbers + verifications + REFRESH_CONSTANT;
}

/** A fetch of one number or one verification by its SID. */
const PER_RESOURCE = /\/(IncomingPhoneNumbers|Verifications)\/\{sid\}/;
const REFRESH_CONSTANT = 2;

/**
 * Fits preview = fixed + perIntegration x N to the no-op previews (least squares): how much of
 * a preview is the stack's fixed cost and how much grows with its integrations.
 */
export function fitSharding(engine: EngineFigure[]): ShardingFit {
  const points = engine.filter((f) => f.operation === "preview")
    .map((f) => [f.integrations, f.ms] as const);
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  const slope = points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0) /
    points.reduce((s, [x]) => s + (x - meanX) ** 2, 0);
  const fixed = meanY - slope * meanX;
  return { fixedMs: fixed, perIntegrationMs: slope, breakEvenIntegrations: fixed / slope };
}

/** What the fit says about splitting a fleet of `fleet` integrations into `shards` stacks. */
export function formatSharding(fit: ShardingFit, fleets: number[], shards: number): string {
  const lines = [`preview ~ ${ms(fit.fixedMs)} + ${fit.perIntegrationMs.toFixed(1)} ms x N ` +
    `(fixed cost equals the per-integration cost at N ~ ${Math.round(fit.breakEvenIntegrations)})`];
  for (const fleet of fleets) {
    const whole = fit.fixedMs + fit.perIntegrationMs * fleet;
    const shard = fit.fixedMs + (fit.perIntegrationMs * fleet) / shards;
    lines.push(`  ${count(fleet)} integrations: one stack ${ms(whole)}; one of ${shards} shards ` +
      `${ms(shard)} (${(whole / shard).toFixed(1)}x faster per pull request)`);
  }
  return lines.join("\n");
}
