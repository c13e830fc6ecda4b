/**
 * Issue 7: the audit of a file with 100 commits takes under a second. Run with
 * `npx tsx test/audit/benchmark-audit.ts`: it builds the history of long-history.ts and a
 * stack history of one update per version, times ten audits after a warm-up, prints the
 * timings and exits 1 when the median is over the budget. (A plain script: vitest's bench
 * mode runs no hooks and ignores failures, so it could not hold the budget.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { buildAuditReport } from "../../src/audit/audit-report";
import { readFileVersions } from "../../src/audit/file-versions";
import { createLongHistory } from "./long-history";
import { writeStackHistory } from "./stack-history-fixture";

const BUDGET_MS = 1000;
const RUNS = 10;
const FILE = "integrations/brightsmile-dental.yaml";

async function main(): Promise<number> {
  const history = createLongHistory(100);
  const state = mkdtempSync(join(tmpdir(), "audit-bench-state-"));
  try {
    const { versions } = await readFileVersions(history.dir, FILE);
    writeStackHistory(state, "dev", "brightsmile-dental", versions.map((v, i) => ({
      kind: "update", time: new Date(Date.parse(v.date) + 600_000).toISOString(),
      gitHead: v.commit, verification: { sid: "HH0123456789abcdef0123456789abcdef",
        status: i % 2 ? "TWILIO_REJECTED" : "PENDING_REVIEW", submittedDigest: v.digest,
        submittedAt: new Date(Date.parse(v.date) + 590_000).toISOString() } })));

    const source = { repo: history.dir, file: FILE, integration: "brightsmile-dental",
      stateDir: state, project: "sms-integrations", stack: "dev" };
    const gitOnly = await time(() => readFileVersions(history.dir, FILE));
    const full = await time(() => buildAuditReport(source));
    const report = await buildAuditReport(source);

    console.log(`versions: ${report.versions.length}, submissions matched: ` +
      `${report.versions.filter((v) => v.submissions.length).length}`);
    console.log(`git history only (100 commits): ${summary(gitOnly)}`);
    console.log(`full audit (100 commits, 100 checkpoints): ${summary(full)}`);
    const median = full[Math.floor(RUNS / 2)]!;
    if (median > BUDGET_MS) {
      console.error(`over budget: median ${median.toFixed(0)} ms > ${BUDGET_MS} ms`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(history.dir, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  }
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

function summary(times: number[]): string {
  const ms = (t: number) => `${t.toFixed(0)} ms`;
  return `min ${ms(times[0]!)}, median ${ms(times[Math.floor(times.length / 2)]!)}, ` +
    `max ${ms(times[times.length - 1]!)}`;
}

main().then((code) => {
  process.exitCode = code;
}, (err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
