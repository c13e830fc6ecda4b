import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import type { Stack } from "@pulumi/pulumi/automation";

/** What {@link recoverInterruptedUpdate} did. */
export interface Recovery {
  /** Whether a checkpoint cut short by the kill was replaced by the backend's backup of it. */
  restoredCheckpoint: boolean;
  /** Locks removed because the process that took them is gone. */
  staleLocks: number;
  /** Whether creates the killed update left pending were cleared by a refresh. */
  clearedPendingCreates: boolean;
}

/** A lock file of a `file://` backend, as the engine writes it. */
interface LockFile {
  pid: number;
  hostname: string;
}

/**
 * Makes a stack usable again after the engine was killed in the middle of an update.
 *
 * A killed update leaves two things behind (pulumi/pulumi DIY backend): the stack's lock file,
 * and "pending operations" in the checkpoint for creates that were started and never recorded.
 * A lock is removed only when its process is provably gone (this host, pid not running); a lock
 * held by a live or unknown process stops here instead. Pending creates are then cleared with a
 * refresh: the resources they were about to create are found again by the next `up`, which
 * adopts a bought number by its FriendlyName and a verification by its number, so nothing is
 * bought or submitted twice.
 */
export async function recoverInterruptedUpdate(
  stack: Stack,
  stateDir: string,
  project = "sms-integrations",
): Promise<Recovery> {
  const restoredCheckpoint = restoreCutCheckpoint(stateDir, project, stack.name);
  const locks = lockFiles(stateDir, project, stack.name);
  const live = locks.filter((lock) => !isGone(lock.content));
  if (live.length) {
    const who = live.map((l) => `pid ${l.content.pid} on ${l.content.hostname}`).join(", ");
    throw new Error(
      `stack ${stack.name} is locked by a running update (${who}); wait for it to finish, or ` +
        "if it is gone run `npm run pulumi -- cancel` yourself.",
    );
  }
  if (locks.length) await stack.cancel();

  const state = await stack.exportStack();
  const pending = (state.deployment as { pending_operations?: unknown[] }).pending_operations;
  const clearedPendingCreates = Boolean(pending?.length);
  if (clearedPendingCreates) await stack.refresh({ clearPendingCreates: true });

  return { restoredCheckpoint, staleLocks: locks.length, clearedPendingCreates };
}

/**
 * A kill while the engine writes the checkpoint can leave it empty or cut short ("failed to
 * load checkpoint: EOF"). The file backend keeps the previous checkpoint as `<stack>.json.bak`;
 * it is put back, and the cut file kept beside it for inspection. What the lost steps did is
 * found again by the next `up`, which adopts by owner label.
 */
export function restoreCutCheckpoint(stateDir: string, project: string, stack: string): boolean {
  const file = path.join(stateDir, ".pulumi", "stacks", project, `${stack}.json`);
  const backup = `${file}.bak`;
  // The blob store keeps each file's metadata (a checksum among it) in `<file>.attrs`; a kill
  // can cut either file.
  const pairs = [[file, backup], [`${file}.attrs`, `${backup}.attrs`]] as const;
  const cut = pairs.some(([current]) => fs.existsSync(current) && !isJson(current));
  const whole = pairs.every(([, saved]) => !fs.existsSync(saved) || isJson(saved));
  if (!cut || !whole || !fs.existsSync(backup)) return false;

  const stamp = Date.now();
  for (const [current, saved] of pairs) {
    if (fs.existsSync(current)) fs.renameSync(current, `${current}.cut-${stamp}`);
    if (fs.existsSync(saved)) fs.copyFileSync(saved, current);
  }
  return true;
}

function isJson(file: string): boolean {
  try {
    JSON.parse(fs.readFileSync(file, "utf8"));
    return true;
  } catch {
    return false;
  }
}

function lockFiles(stateDir: string, project: string, stack: string) {
  const dir = path.join(stateDir, ".pulumi", "locks", "organization", project, stack);
  if (!fs.existsSync(dir)) return [];

  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => ({
      file: path.join(dir, name),
      content: JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as LockFile,
    }));
}

function isGone(lock: LockFile): boolean {
  if (lock.hostname !== os.hostname()) return false;
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}
