import { formatPath } from "../integration/yaml-path";

/** One field of `spec.compliance` that differs between two versions of a file. */
export interface FieldChange {
  /** YAML path, e.g. `spec.compliance.useCase.summary` or `...messageSamples[1]`. */
  path: string;
  change: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const ROOT = ["spec", "compliance"];

/**
 * The leaf fields of `spec.compliance` that differ between two parsed versions of a file, in
 * the order the newer version writes them. Lists compare item by item, so an item inserted in
 * the middle shows as every later item changed; a list-aware diff would need items to carry
 * an identity, which sample messages and URLs do not.
 */
export function complianceChanges(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  compare(complianceOf(before), complianceOf(after), [...ROOT], changes);
  return changes;
}

/** The `spec.compliance` value of a parsed file, `undefined` when it has none. */
export function complianceOf(document: unknown): unknown {
  const spec = isRecord(document) ? document.spec : undefined;
  return isRecord(spec) ? spec.compliance : undefined;
}

function compare(before: unknown, after: unknown, at: PropertyKey[], out: FieldChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !(k in after))];
    for (const key of keys) compare(before[key], after[key], [...at, key], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) compare(before[i], after[i], [...at, i], out);
    return;
  }
  if (before === undefined && after === undefined) return;
  if (before === undefined) return void out.push({ path: formatPath(at), change: "added", after });
  if (after === undefined) {
    return void out.push({ path: formatPath(at), change: "removed", before });
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    out.push({ path: formatPath(at), change: "changed", before, after });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
