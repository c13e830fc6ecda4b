import type { z } from "zod";

import { knownKeys } from "./schema-keys";
import { formatPath } from "./yaml-path";
import { quoteValue, valueAt } from "./yaml-value";

/** A shape problem: where (as path segments), whether the key itself is wrong, and what. */
export interface ShapeProblem {
  segments: PropertyKey[];
  /** True when the key is the problem (an unknown key), so it is located at the key. */
  atKey: boolean;
  message: string;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into one-line messages: `<path>: <what is wrong, quoting the value>;
 * <how to fix>`. `input` is the parsed YAML, used to quote the bad values.
 */
export function shapeProblems(issues: readonly Issue[], input: unknown): ShapeProblem[] {
  return issues.flatMap((issue) => translate(issue, [], input));
}

function translate(issue: Issue, prefix: PropertyKey[], input: unknown): ShapeProblem[] {
  const segments = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") return unionProblems(issue, segments, input);
  if (issue.code === "unrecognized_keys") return unknownKeyProblems(issue.keys, segments);

  const value = valueAt(input, segments);
  if (segments.length === 0) {
    return [{ segments, atKey: false, message: `(file): the document is ${quoteValue(value)}, `
      + "not a mapping; write apiVersion, kind, metadata and spec at the top level" }];
  }
  return [{ segments, atKey: false,
    message: `${formatPath(segments)}: ${describe(issue, value, segments)}` }];
}

// A union reports every branch's issues. The branch with the fewest is the one the author
// meant (a `purchase:` mapping with a bad country is not a bad `existing:`); on a tie nothing
// tells them apart, so the union's own message ("set exactly one of …") is the useful one.
function unionProblems(
  issue: Extract<Issue, { code: "invalid_union" }>,
  segments: PropertyKey[],
  input: unknown,
): ShapeProblem[] {
  const branches = [...issue.errors].sort((a, b) => a.length - b.length);
  const [best, second] = branches;
  if (best && best.length > 0 && (!second || best.length < second.length)) {
    return best.flatMap((inner) => translate(inner, segments, input));
  }
  const path = formatPath(segments);
  const value = valueAt(input, segments);
  const keys = isPlainObject(value) ? Object.keys(value) : [];
  const has = keys.length ? `has ${keys.map((k) => `"${k}"`).join(", ")}` : "has no keys";
  return [{ segments, atKey: false, message: `${path}: ${has}; ${issue.message}` }];
}

function unknownKeyProblems(keys: readonly string[], segments: PropertyKey[]): ShapeProblem[] {
  const known = knownKeys(segments);
  return keys.map((key) => {
    const keySegments = [...segments, key];
    const hint = closest(key, known);
    const fix = hint ? `did you mean "${hint}"?` : `known keys here: ${known.join(", ")}`;
    return { segments: keySegments, atKey: true,
      message: `${formatPath(keySegments)}: unknown key "${key}"; remove it or fix its `
        + `spelling (${fix})` };
  });
}

function describe(issue: Issue, value: unknown, segments: PropertyKey[]): string {
  if (value === undefined) return missing(segments);
  switch (issue.code) {
    case "invalid_type":
      return wrongType(issue.expected, value);
    case "invalid_value":
      return wrongValue(issue.values, value);
    case "invalid_format":
      return wrongFormat(issue, value);
    case "too_small":
      return Array.isArray(value)
        ? "the list is empty; add at least one item"
        : `${quoteValue(value)} is empty; write a value`;
    case "too_big":
      return `${quoteValue(value)} is too long (at most ${String(issue.maximum)}); shorten it`;
    default:
      return `${quoteValue(value)} is not valid: ${issue.message}; change it`;
  }
}

function missing(segments: PropertyKey[]): string {
  const key = String(segments[segments.length - 1] ?? "value");
  return `is missing; add "${key}"`;
}

function wrongType(expected: string, value: unknown): string {
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
    return `expected text, got the ${typeof value} ${String(value)}; quote it: "${String(value)}"`;
  }
  if (expected === "array") {
    return `expected a list, got ${quoteValue(value)}; write a YAML list, one "- item" per line`;
  }
  if (expected === "object") {
    return `expected a mapping of keys, got ${quoteValue(value)}; indent its fields under it`;
  }
  return `expected ${expected}, got ${quoteValue(value)}; write a ${expected}`;
}

function wrongValue(values: readonly unknown[], value: unknown): string {
  if (values.length === 1) return `${quoteValue(value)} must be ${JSON.stringify(values[0])}`
    + "; write exactly that";
  const listed = values.map(String).join(", ");
  const typed = typeof value === "string" || typeof value === "number";
  const hint = typed ? closest(String(value), values.map(String)) : undefined;
  const quote = typeof value === "number" && hint ? ` (quoted: "${hint}")` : "";
  return `${quoteValue(value)} is not one of ${listed}; `
    + (hint ? `did you mean ${hint}?${quote}` : "use one of them");
}

function wrongFormat(issue: Extract<Issue, { code: "invalid_format" }>, value: unknown): string {
  const quoted = quoteValue(value);
  if (issue.format === "url") {
    return `${quoted} is not an https URL on a public domain; write the full address, `
      + "e.g. https://www.example.com/page";
  }
  if (issue.format === "email") return `${quoted} is not an e-mail address; correct it`;
  return `${quoted} is not allowed; ${issue.message}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// The candidate that differs only in case, separators ("1000" for "1,000") or, failing that,
// the closest by edit distance when close enough to be a typo.
function closest(word: string, candidates: readonly string[]): string | undefined {
  const bare = (text: string) => text.toLowerCase().replace(/[\s,_-]/g, "");
  const same = candidates.find((candidate) => bare(candidate) === bare(word));
  if (same !== undefined) return same;

  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
