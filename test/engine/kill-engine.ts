import { spawn } from "node:child_process";
import * as fs from "node:fs";

import type { TestProject } from "./test-project";

/**
 * Runs `pulumi up` on the project and SIGKILLs the engine and every process below it once
 * `ready` holds, as a cancelled CI job or a lost machine would. Resolves with whether the kill
 * happened; false when the up finished first.
 */
export async function killUpWhen(project: TestProject, ready: () => Promise<boolean>,
  timeoutMs = 120_000): Promise<boolean> {
  const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive",
    "--stack", "dev"], { cwd: project.dir, env: project.env, detached: true, stdio: "ignore" });
  let running = true;
  const exited = new Promise<void>((resolve) => child.once("exit", () => {
    running = false;
    resolve();
  }));

  const deadline = Date.now() + timeoutMs;
  while (running && !(await ready())) {
    if (Date.now() > deadline) throw new Error("the engine neither finished nor got far enough");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (!running) return false;

  // Plugins start sessions of their own and leave the process group: walk the tree instead.
  for (const pid of [child.pid!, ...descendantsOf(child.pid!)]) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await exited;
  return true;
}

/** Every process below `root`, read from /proc. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while the table was read
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
