import type { Problem } from "./problem";

/** Output formats of `sms-integrations validate`. */
export const PROBLEM_FORMATS = ["text", "json", "github"] as const;
export type ProblemFormat = (typeof PROBLEM_FORMATS)[number];

/** Renders problems for people, machines or GitHub Actions; ends with a newline when not empty. */
export function formatProblems(
  problems: readonly Problem[],
  format: ProblemFormat,
  fileCount: number,
): string {
  if (format === "json") return `${JSON.stringify({ problems: problems.map(toJson) }, null, 2)}\n`;
  const lines = problems.map(format === "github" ? githubLine : textLine);
  return [...lines, summary(problems, fileCount)].join("\n") + "\n";
}

function toJson(p: Problem) {
  return { file: p.file, line: p.line, column: p.column, path: p.path, severity: p.severity,
    rule: p.rule, code: p.code ?? null, message: p.message };
}

function textLine(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity} [${p.rule}] ${p.message}`;
}

/**
 * A GitHub Actions workflow command. GitHub reads `%`, CR and LF as escapes in the message
 * and additionally `:` and `,` in property values, so those are percent-encoded.
 */
function githubLine(p: Problem): string {
  const properties = [`file=${escapeProperty(p.file)}`, `line=${p.line}`, `col=${p.column}`,
    `title=${escapeProperty(p.rule)}`].join(",");
  return `::${p.severity} ${properties}::${escapeData(p.message)}`;
}

export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function summary(problems: readonly Problem[], fileCount: number): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const files = `${fileCount} integration file${fileCount === 1 ? "" : "s"}`;
  if (problems.length === 0) return `${files} checked: no problems`;
  return `${files} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
