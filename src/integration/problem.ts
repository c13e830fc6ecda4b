/** How bad a problem is: errors always fail validation, warnings only under `--strict`. */
export type Severity = "error" | "warning";

/**
 * One thing wrong with an integration file, located in the file. Every check (YAML syntax,
 * shape, named rules, cross-file rules) reports these, so one run lists every problem.
 */
export interface Problem {
  /** The file, as given or found (relative paths stay relative). */
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** 1-based column in the file. */
  column: number;
  /** The YAML path, e.g. `spec.compliance.useCase.messageSamples[0]`; "" for the whole file. */
  path: string;
  severity: Severity;
  /** Stable id of the rule that found it, e.g. `no-url-shortener`. */
  rule: string;
  /** The Twilio rejection code this problem predicts, when there is one. */
  code?: number;
  /** One line: `<path>: <what is wrong, quoting the value>; <how to fix>`. */
  message: string;
}

/** True when `problems` fail validation: any error, or any warning when `strict`. */
export function failsValidation(problems: readonly Problem[], strict: boolean): boolean {
  return problems.some((p) => p.severity === "error" || strict);
}

/** Problems in reading order: by file, then line, then column. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) =>
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
    || a.rule.localeCompare(b.rule));
}
