/**
 * One timed pass over a folder of integration files, in a process of its own:
 * `parse` only reads and parses each file with `yaml` (the floor), `validate` runs
 * `loadIntegrations`, the loader behind `sms-integrations validate` and the program.
 * Prints `{ms, cpuMs, files, errors}` as JSON.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

import YAML from "yaml";

import { loadIntegrations } from "../src/integration/loader";

async function parseOnly(dir: string): Promise<{ files: number; errors: number }> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".yaml")).sort();
  const values = await Promise.all(names.map(async (name) =>
    YAML.parse(await readFile(join(dir, name), "utf8")) as unknown));
  return { files: values.length, errors: 0 };
}

async function validate(dir: string): Promise<{ files: number; errors: number }> {
  const { files, problems } = await loadIntegrations([dir]);
  return { files: files.length, errors: problems.filter((p) => p.severity === "error").length };
}

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  if (!dir || (mode !== "parse" && mode !== "validate")) {
    throw new Error("usage: validate-child.ts parse|validate <dir>");
  }

  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await (mode === "parse" ? parseOnly(dir) : validate(dir));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, ...result }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
