import { readdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";

import {
  manifestTime, resourcesOf, type VerificationState, verificationsOf,
} from "../status/deployment";

/** One update, refresh or destroy of the stack, with the integration's verification after it. */
export interface StackUpdate {
  kind: string;
  result: string | null;
  /** When the engine wrote the checkpoint (ISO), else the update's end time. */
  time: string;
  startTime: string | null;
  /** The commit the update ran at (`git.head` of the update's environment), when known. */
  gitHead: string | null;
  /** Whether the working tree had uncommitted changes then (`git.dirty`). */
  gitDirty: boolean | null;
  /** The integration's verification in the state after the update; null when it had none. */
  verification: VerificationState | null;
}

/** A stack's update history, read from a `file://` backend, or why there is none. */
export interface StackHistory {
  /** The folder read (or looked for). */
  directory: string;
  updates: StackUpdate[];
  /** Set when the folder holds no history: what to do to have one. */
  missing?: string;
}

/** Where the file backend puts a stack's history: `.pulumi/history/<project>/<stack>/`. */
export function historyDirectories(stateDir: string, project: string, stack: string): string[] {
  const name = stack.split("/").pop() ?? stack;
  const base = join(stateDir, ".pulumi", "history");
  // Project-scoped layout (file backends since Pulumi 3.61), then the legacy flat one.
  return [join(base, project, name), join(base, name)];
}

const FILE = /^(.+)-(\d+)\.(checkpoint|history)\.json(\.gz)?$/;

/**
 * Reads the updates of `stack` that the file backend kept: every update leaves
 * `<stack>-<unix-nanos>.checkpoint.json`, the full state after it, and
 * `<stack>-<unix-nanos>.history.json`, its kind, times and environment (`git.head`). Gzipped
 * files (`PULUMI_DIY_BACKEND_GZIP`) are read too. A folder without history is not an error.
 */
export async function readStackHistory(
  stateDir: string,
  project: string,
  stack: string,
  integration: string,
): Promise<StackHistory> {
  for (const directory of historyDirectories(stateDir, project, stack)) {
    const names = await listFiles(directory);
    if (!names) continue;
    const updates = await readUpdates(directory, names, stack.split("/").pop()!, integration);
    if (updates.length) return { directory, updates };
  }
  const directory = historyDirectories(stateDir, project, stack)[0]!;
  return { directory, updates: [], missing: `no update history of stack ${stack} in ` +
    `${directory}; run the engine through the project's scripts (npm run up, npm start) ` +
    "on a file backend, which keeps every update's history" };
}

async function listFiles(directory: string): Promise<string[] | undefined> {
  try {
    return await readdir(directory);
  } catch {
    return undefined;
  }
}

async function readUpdates(
  directory: string,
  names: string[],
  stack: string,
  integration: string,
): Promise<StackUpdate[]> {
  const byTime = new Map<string, { checkpoint?: string; history?: string }>();
  for (const name of names) {
    const match = FILE.exec(name);
    if (!match || match[1] !== stack) continue;
    const entry = byTime.get(match[2]!) ?? {};
    entry[match[3] as "checkpoint" | "history"] = name;
    byTime.set(match[2]!, entry);
  }

  const times = [...byTime.keys()].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return Promise.all(times.map(async (nanos) => {
    const { checkpoint, history } = byTime.get(nanos)!;
    const [state, meta] = await Promise.all([readJson(directory, checkpoint),
      readJson(directory, history)]);
    return updateOf(nanos, state, record(meta), integration);
  }));
}

function updateOf(
  nanos: string,
  state: unknown,
  meta: Record<string, unknown>,
  integration: string,
): StackUpdate {
  const environment = record(meta.environment);
  const dirty = environment["git.dirty"];
  return {
    kind: typeof meta.kind === "string" ? meta.kind : "update",
    result: typeof meta.result === "string" ? meta.result : null,
    time: manifestTime(state) ?? unixTime(meta.endTime) ?? nanosTime(nanos),
    startTime: unixTime(meta.startTime),
    gitHead: typeof environment["git.head"] === "string" ? environment["git.head"] : null,
    gitDirty: dirty === "true" ? true : dirty === "false" ? false : null,
    verification: verificationsOf(resourcesOf(state)).get(integration) ?? null,
  };
}

async function readJson(directory: string, name: string | undefined): Promise<unknown> {
  if (!name) return undefined;
  try {
    const bytes = await readFile(join(directory, name));
    return JSON.parse((name.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8"));
  } catch {
    // A checkpoint cut short by a crash is skipped; the next update's checkpoint is whole.
    return undefined;
  }
}

/** Unix seconds (history files) as ISO. */
function unixTime(value: unknown): string | null {
  return typeof value === "number" && value > 0 ? new Date(value * 1000).toISOString() : null;
}

function nanosTime(nanos: string): string {
  return new Date(Number(BigInt(nanos) / 1_000_000n)).toISOString();
}

/**
 * The folder of a `file://` backend URL (`file://~`, `file:///abs`, `file://./rel`), or
 * undefined for any other backend.
 */
export function fileBackendPath(url: string, cwd = process.cwd()): string | undefined {
  if (!url.startsWith("file://")) return undefined;
  const path = decodeURIComponent(url.slice("file://".length).split("?")[0] ?? "");
  if (path === "~" || path.startsWith("~/")) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
