import { basename, extname } from "node:path";

import type { SourceCheck } from "./check-source";
import { parseE164 } from "./phone";
import type { Problem } from "./problem";
import { quoteValue, valueAt } from "./yaml-value";

/**
 * Rules across files: no two files share a name or an existing number, and each file is named
 * after its integration. They read the parsed YAML rather than valid integrations, so a file
 * with an unrelated shape error still takes part.
 */
export function crossFileProblems(checks: readonly SourceCheck[]): Problem[] {
  return [...fileNameProblems(checks), ...duplicates(checks, nameOf, uniqueName),
    ...duplicates(checks, numberOf, uniqueNumber)];
}

interface Keyed {
  path: string;
  rule: string;
  describe(value: string, others: string[]): string;
}

const uniqueName: Keyed = {
  path: "metadata.name",
  rule: "unique-name",
  describe: (name, others) => `metadata.name: ${quoteValue(name)} is also the name in `
    + `${others.join(", ")}; give each integration its own name`,
};

const uniqueNumber: Keyed = {
  path: "spec.number.existing",
  rule: "unique-number",
  describe: (number, others) => `spec.number.existing: ${quoteValue(number)} is also the `
    + `number of ${others.join(", ")}; a toll-free number belongs to one integration only`,
};

function nameOf(check: SourceCheck): string | undefined {
  const name = valueAt(check.value, ["metadata", "name"]);
  return typeof name === "string" ? name : undefined;
}

// Compared in E.164 so "+1 888 555 0142" and "+18885550142" collide.
function numberOf(check: SourceCheck): string | undefined {
  const number = valueAt(check.value, ["spec", "number", "existing"]);
  if (typeof number !== "string") return undefined;
  const parsed = parseE164(number.replace(/[\s().-]/g, ""));
  return parsed.ok ? parsed.e164 : number;
}

function duplicates(
  checks: readonly SourceCheck[],
  keyOf: (check: SourceCheck) => string | undefined,
  keyed: Keyed,
): Problem[] {
  const byKey = new Map<string, SourceCheck[]>();
  for (const check of checks) {
    const key = keyOf(check);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), check]);
  }
  return [...byKey].filter(([, sharing]) => sharing.length > 1).flatMap(([key, sharing]) =>
    sharing.map((check) => ({
      file: check.file, ...check.locate(keyed.path), path: keyed.path, severity: "error",
      rule: keyed.rule, message: keyed.describe(key, sharing.filter((other) => other !== check)
        .map((other) => other.file)),
    })));
}

function fileNameProblems(checks: readonly SourceCheck[]): Problem[] {
  return checks.flatMap((check): Problem[] => {
    const name = nameOf(check);
    const stem = basename(check.file, extname(check.file));
    if (name === undefined || name === stem) return [];
    return [{ file: check.file, ...check.locate("metadata.name"), path: "metadata.name",
      severity: "error", rule: "file-name",
      message: `metadata.name: ${quoteValue(name)} differs from the file name `
        + `${quoteValue(basename(check.file))}; ${renameFix(name)}` }];
  });
}

/** Longest valid `metadata.name` (the schema's pattern): a longer one is not worth echoing. */
const MAX_NAME_LENGTH = 63;

function renameFix(name: string): string {
  if (name.length > MAX_NAME_LENGTH) return "shorten metadata.name, then name the file after it";
  return `rename the file to ${name}.yaml (the name must not change once deployed)`;
}
