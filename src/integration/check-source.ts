import type { Problem } from "./problem";
import { findingMessage, type Rule } from "./rule";
import { RULES } from "./rules";
import { type Integration, integrationSchema } from "./schema";
import { shapeProblems } from "./shape-problems";
import { decodeSource } from "./source-text";
import { formatPath } from "./yaml-path";
import { lazyLocator, parseYamlSource, type Position, type YamlSource } from "./yaml-source";

/** One file checked on its own: its problems, and the integration when its shape is valid. */
export interface SourceCheck {
  file: string;
  problems: Problem[];
  /** The parsed YAML value (for cross-file rules), `undefined` when it did not parse. */
  value: unknown;
  /** Set when the file has a valid shape; rule problems may still be present. */
  integration?: Integration;
  locate(path: string): Position;
}

const START: Position = { line: 1, column: 1 };

/**
 * Checks one integration file from its bytes: encoding, YAML, shape, then the named rules.
 * Never throws on any input; everything wrong becomes a {@link Problem}. `size` is the file's
 * size when the caller did not read an oversized file.
 *
 * Known shortcoming: the named rules need a valid shape, so a file with shape errors reports
 * those only; its rule problems appear once the shape is fixed. Running rules on partial data
 * would need every rule to guard every field it reads.
 */
export function checkSource(file: string, bytes: Uint8Array, size = bytes.byteLength,
): SourceCheck {
  const decoded = decodeSource(bytes, size);
  if (!decoded.ok) {
    const at = { line: decoded.line ?? 1, column: decoded.column ?? 1 };
    const problem = { file, ...at, path: "", severity: "error" as const, rule: decoded.rule,
      message: decoded.message };
    return { file, problems: [problem], value: undefined, locate: () => START };
  }

  // Problems are located with the Document parsed here; the check keeps only a locator that
  // parses the text again if asked later, so thousands of Documents are not held in memory.
  const source = parseYamlSource(decoded.text);
  const problems: Problem[] = source.problems.map((p) => ({ file, path: "", ...p }));
  const check: SourceCheck = { file, problems, value: source.value,
    locate: lazyLocator(decoded.text).locate };
  if (source.value === undefined || problems.some((p) => p.severity === "error")) return check;

  const parsed = integrationSchema.safeParse(source.value);
  if (!parsed.success) {
    problems.push(...shapeProblems(parsed.error.issues, source.value).map((shape) => ({
      file, ...locateShape(source, shape.segments, shape.atKey), path: formatPath(shape.segments),
      severity: "error" as const, rule: "schema", message: shape.message })));
    return check;
  }

  problems.push(...RULES.flatMap((rule) => runRule(rule, parsed.data, file, source)));
  return { ...check, integration: parsed.data };
}

function locateShape(source: YamlSource, segments: PropertyKey[], atKey: boolean): Position {
  const path = formatPath(segments);
  return atKey ? source.locateKey(path) : source.locate(path);
}

function runRule(rule: Rule, integration: Integration, file: string, source: YamlSource,
): Problem[] {
  return rule.check(integration).map((finding) => {
    const code = finding.code ?? rule.code;
    return { file, ...source.locate(finding.path), path: finding.path, severity: rule.severity,
      rule: rule.id, ...(code !== undefined ? { code } : {}),
      message: findingMessage(finding, code) };
  });
}
