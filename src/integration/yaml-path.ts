/**
 * YAML paths as problems print them: `spec.compliance.useCase.messageSamples[0]`. Keys that
 * are not plain identifiers are quoted: `spec["odd key"]`.
 */

/** One step of a path: a mapping key or a sequence index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Formats segments as a YAML path string. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (IDENTIFIER.test(String(segment))) path += path ? `.${String(segment)}` : String(segment);
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}

// One step: `.key`, `key` at the start, `[3]` or `["quoted key"]`.
const SEGMENT = /(?:^|\.)([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/** Parses a path made by {@link formatPath}; `undefined` when it is not one. */
export function parsePath(path: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const match = SEGMENT.exec(path);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}
