import type { Document, Node, YAMLError } from "yaml";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";

import { parsePath, type PathSegment } from "./yaml-path";

/** A 1-based position in a file. */
export interface Position {
  line: number;
  column: number;
}

/** A YAML problem before it is tied to a file: where, which rule, what. */
export interface SourceProblem extends Position {
  rule: string;
  severity: "error" | "warning";
  message: string;
}

/** A parsed YAML file: its plain value, where each path sits, and what went wrong parsing. */
export interface YamlSource {
  /** The plain JavaScript value; `undefined` when the YAML could not be parsed. */
  value: unknown;
  problems: SourceProblem[];
  /** Where `path` is written: its value, else its key, else its nearest written ancestor. */
  locate(path: string): Position;
  /** Where the key of `path` is written (for unknown keys), else as {@link locate}. */
  locateKey(path: string): Position;
}

/**
 * Aliases a document may expand. The yaml package counts expansions and throws past the limit,
 * which stops "billion laughs" alias bombs; an integration file needs none at all.
 */
export const MAX_ALIAS_COUNT = 100;

/** Past this many syntax errors the rest are summarised: one broken bracket can cause hundreds. */
const MAX_SYNTAX_PROBLEMS = 10;

/** Where paths are written in a file: {@link YamlSource}'s two look-ups on their own. */
export type Locator = Pick<YamlSource, "locate" | "locateKey">;

/** Parses `text` (one YAML document, YAML 1.2 core schema) keeping node positions. */
export function parseYamlSource(text: string): YamlSource {
  const parsed = new PositionedDocument(text);
  const { doc } = parsed;
  const result = locatorOf(parsed);

  const problems = [...syntaxProblems(doc.errors, "error", text, parsed),
    ...syntaxProblems(doc.warnings, "warning", text, parsed)];
  if (doc.errors.length > 0) return { value: undefined, problems, ...result };

  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems, ...result };
  } catch (err) {
    problems.push(conversionProblem(err));
    return { value: undefined, problems, ...result };
  }
}

/**
 * A {@link Locator} for `text` that parses it again on first use, for callers that keep
 * positions long after checking a file. The parse is the one {@link parseYamlSource} makes, so
 * every position is the same; a file's text is a few kilobytes, its Document tree many times
 * that, and only files with problems (or a status row to point at) are ever located.
 */
export function lazyLocator(text: string): Locator {
  return locatorOf(new LazyDocument(text));
}

interface Locating {
  locate(path: string, key: boolean): Position;
}

/** A parsed Document and the line counter that turns its offsets into positions. */
class PositionedDocument implements Locating {
  readonly doc: Document;
  private readonly lineCounter = new LineCounter();

  constructor(text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false,
      uniqueKeys: true });
  }

  position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  locate(path: string, key: boolean): Position {
    return locateIn(this, path, key);
  }
}

/** A {@link PositionedDocument} parsed when first asked for a position. */
class LazyDocument implements Locating {
  private readonly text: string;
  private parsed?: PositionedDocument;

  constructor(text: string) {
    this.text = text;
  }

  locate(path: string, key: boolean): Position {
    this.parsed ??= new PositionedDocument(this.text);
    return this.parsed.locate(path, key);
  }
}

// Closures made by returning them, not by naming them: the CLI runs through tsx, which gives
// every named function expression its name with a defineProperty call, once per file here.
function locatorOf(document: Locating): Locator {
  return { locate: locateWith(document, false), locateKey: locateWith(document, true) };
}

function locateWith(document: Locating, key: boolean): (path: string) => Position {
  return (path) => document.locate(path, key);
}

function syntaxProblems(
  errors: readonly YAMLError[],
  severity: "error" | "warning",
  text: string,
  parsed: PositionedDocument,
): SourceProblem[] {
  const problems = errors.slice(0, MAX_SYNTAX_PROBLEMS).map((err) => ({
    ...parsed.position(err.pos[0]),
    rule: err.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : "yaml-syntax",
    severity,
    message: syntaxMessage(err, /^[^:\n]*/.exec(text.slice(err.pos[0]))?.[0].trim() ?? ""),
  }));
  if (errors.length > MAX_SYNTAX_PROBLEMS) {
    const first = errors[MAX_SYNTAX_PROBLEMS];
    problems.push({ ...parsed.position(first.pos[0]), rule: "yaml-syntax", severity,
      message: `YAML: ${errors.length - MAX_SYNTAX_PROBLEMS} more YAML problems not shown; `
        + "fix the ones above first, later ones often follow from them" });
  }
  return problems;
}

function syntaxMessage(err: YAMLError, source: string): string {
  const what = err.message.split("\n")[0];
  if (err.code === "DUPLICATE_KEY") {
    const key = source.length > 0 && source.length <= 60 ? ` ${JSON.stringify(source)}` : "";
    return `YAML: the key${key} is written twice in the same mapping; keep one`;
  }
  if (err.code === "MULTIPLE_DOCS") {
    return `YAML: ${what.replace(/;.*$/, "")}; an integration file holds one document, `
      + "split it into one file per integration";
  }
  return `YAML: ${what}; fix the syntax at this position`;
}

// toJS throws a ReferenceError for alias bombs (and RangeError for absurd nesting).
function conversionProblem(err: unknown): SourceProblem {
  const detail = err instanceof Error ? err.message : String(err);
  const aliases = /alias/i.test(detail);
  return {
    line: 1,
    column: 1,
    rule: aliases ? "yaml-alias-limit" : "yaml-syntax",
    severity: "error",
    message: aliases
      ? `YAML: aliases expand past ${MAX_ALIAS_COUNT} nodes (${detail}); write the values `
        + "out instead of using anchors and aliases"
      : `YAML: the document cannot be read (${detail}); simplify its structure`,
  };
}

function locateIn(parsed: PositionedDocument, path: string, key: boolean): Position {
  const segments = parsePath(path) ?? [];
  const found = walk(parsed.doc, segments);
  // A path the file does not have (a missing field) points at the key of its nearest parent.
  const preferKey = key || !found.complete;
  const node = preferKey ? (found.key ?? found.value) : (found.value ?? found.key);
  return parsed.position(node?.range?.[0] ?? 0);
}

interface Found {
  key?: Node;
  value?: Node;
  complete?: boolean;
}

// Follows the path as far as the document has it, through aliases.
function walk(doc: Document, segments: readonly PathSegment[]): Found {
  let found: Found = { value: doc.contents ?? undefined };
  for (const segment of segments) {
    const next = step(doc, found.value, segment);
    if (!next) return found;
    found = next;
  }
  return { ...found, complete: true };
}

function step(doc: Document, node: Node | undefined, segment: PathSegment): Found | undefined {
  const target = isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
  if (isMap(target)) {
    const pair = target.items.find((item) => isScalar(item.key)
      && String(item.key.value) === String(segment));
    if (!pair) return undefined;
    return { key: pair.key as Node, value: (pair.value as Node | null) ?? undefined };
  }
  if (isSeq(target) && typeof segment === "number") {
    const item = target.items[segment] as Node | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}
