import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { runChild } from "./child-process";
import { generateFleet, writeFleet } from "./fleet";

/** Validate against read-and-parse of the same files, at one size. */
export interface ValidateFigure {
  files: number;
  /**
   * Best wall time of `loadIntegrations` over the runs, each in a fresh process. The best, not
   * the median: on a shared machine other work only ever adds time.
   */
  validateMs: number;
  /** Best wall time of reading and `YAML.parse` of the same files, fresh processes too. */
  parseMs: number;
  validateCpuMs: number;
  parseCpuMs: number;
  runs: number;
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  files: number;
  errors: number;
}

/**
 * Times validation of `count` generated files against the parse floor. Runs alternate
 * (parse, validate, parse, ...) so both sides see the same load on a shared machine.
 */
export async function benchValidate(count: number, runs: number): Promise<ValidateFigure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sms-integrations-validate-"));
  try {
    writeFleet(dir, generateFleet(count));
    const parse: ChildResult[] = [];
    const validate: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      parse.push(await runChild<ChildResult>("validate-child.ts", ["parse", dir]));
      validate.push(await runChild<ChildResult>("validate-child.ts", ["validate", dir]));
    }
    const invalid = validate.find((r) => r.errors > 0 || r.files !== count);
    if (invalid) throw new Error(`generated files did not validate: ${JSON.stringify(invalid)}`);

    return { files: count, runs, validateMs: best(validate.map((r) => r.ms)),
      parseMs: best(parse.map((r) => r.ms)), validateCpuMs: best(validate.map((r) => r.cpuMs)),
      parseCpuMs: best(parse.map((r) => r.cpuMs)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The smallest value: the run least disturbed by other work on the machine. */
export function best(values: number[]): number {
  return Math.min(...values);
}
