/**
 * The chat agent of the webhook load test, in a process of its own so that neither the load
 * generator nor the server under test shares its event loop: `echo` answers at once, `slow
 * <ms>` after a delay, as a chat agent thinking about its reply does. Writes `{url}` as JSON to
 * file descriptor 3 once it listens, then serves until killed.
 */
import * as fs from "node:fs";

import { startLocalAgent } from "../agent/local-agent";
import { BENCH_AGENT_TOKEN } from "./webhook-fixture";

async function main(): Promise<void> {
  const [mode, delay] = process.argv.slice(2);
  if (mode !== "echo" && !(mode === "slow" && Number(delay) > 0)) {
    throw new Error("usage: agent-server.ts echo | slow <delay ms>");
  }

  const agent = await startLocalAgent({ token: BENCH_AGENT_TOKEN, mode,
    delayMs: Number(delay) });
  // The agent keeps every call for the tests; a load test only needs it to answer.
  setInterval(() => agent.calls.splice(0), 1_000).unref();
  process.once("SIGTERM", () => process.exit(0));
  fs.writeSync(3, `${JSON.stringify({ url: agent.url })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
