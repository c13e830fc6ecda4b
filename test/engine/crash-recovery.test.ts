import { spawn } from "node:child_process";
import * as fs from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { createTwilioClient } from "../../src/twilio/client";
import { recoverInterruptedUpdate } from "../../src/engine/recovery";
import { emulatorHook, RequestCounter } from "./emulator-hooks";
import type { TestProject } from "./test-project";
import { createTestProject, repoIntegration } from "./test-project";

const NAME = "brightsmile-dental";
const PURCHASE = /\/IncomingPhoneNumbers\/TollFree\.json$/;

describe("an engine killed right after it bought a number", () => {
  let emulator: RunningEmulator;
  let project: TestProject;

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await createTestProject(emulator);
    project.writeIntegration(NAME, repoIntegration(NAME));
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("ends, after a rerun, with exactly one number and one verification", async () => {
    // Hold every call after the purchase, so the engine is killed before it saves the number.
    await emulatorHook(emulator.url, "POST", "faults", {
      rules: [
        { path: "IncomingPhoneNumbers/PN", probability: 1, latencyMs: 30_000 },
        { path: "/v1/Tollfree/Verifications", probability: 1, latencyMs: 30_000 },
      ],
    });
    const requests = new RequestCounter(emulator.url);
    await requests.mark();

    await killAfter(project, async () =>
      (await requests.since()).some((r) => r.method === "POST" && PURCHASE.test(r.path) &&
        r.status === 201));
    await emulatorHook(emulator.url, "POST", "faults", { rules: [] });

    const recovery = await recoverInterruptedUpdate(project.stack, project.stateDir);
    expect(recovery.staleLocks).toBe(1);
    const up = await project.stack.up();

    expect(up.summary.result).toBe("succeeded");
    const twilio = createTwilioClient({ accountSid: emulator.accountSid,
      authToken: emulator.authToken, baseUrl: emulator.url });
    const numbers = await twilio.incomingPhoneNumbers.list();
    expect(numbers.map((n) => n.friendlyName)).toEqual([`sms-integrations:dev/${NAME}`]);
    const verifications = await twilio.messaging.v1.tollfreeVerifications.list();
    expect(verifications.map((v) => v.tollfreePhoneNumberSid)).toEqual([numbers[0]!.sid]);
  });
});

/** Runs `pulumi up` and kills its whole process tree as soon as `ready` holds. */
async function killAfter(project: TestProject, ready: () => Promise<boolean>): Promise<void> {
  const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive",
    "--stack", "dev"], { cwd: project.dir, env: project.env, detached: true, stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error("the engine never bought a number");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The engine's plugins may leave its process group; kill every descendant, as a crash would.
  for (const pid of [child.pid!, ...descendantsOf(child.pid!)]) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await exited;
}

/** Every process below `root`, read from /proc. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
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
