import { open, readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";

import {
  checkRules, checkShape, parseSource, type SourceCheck, unreadSource,
} from "./check-source";
import { crossFileProblems } from "./cross-file";
import type { Problem } from "./problem";
import { sortProblems } from "./problem";
import type { Integration } from "./schema";
import { MAX_FILE_BYTES } from "./source-text";

/** An integration file that passed its shape check (it may still have rule problems). */
export interface LoadedIntegration {
  /** The file, as given or found. */
  file: string;
  /** `metadata.name`. */
  name: string;
  integration: Integration;
  /** Where a YAML path (`spec.number.existing`) is written in the file, 1-based. */
  locate(path: string): { line: number; column: number };
}

/** Every integration that could be read, and every problem of every file. */
export interface LoadResult {
  integrations: LoadedIntegration[];
  problems: Problem[];
  /** Every file that was checked, valid or not. */
  files: string[];
}

const EXTENSIONS = new Set([".yaml", ".yml"]);

/**
 * Loads integration files: each path is a file, or a directory whose `*.yaml`/`*.yml` files
 * are read (not recursively). Runs every check, the cross-file rules included, and never
 * throws for bad input: unreadable paths and broken files become problems.
 *
 * Callers decide what problems mean: `validate` prints them, the Pulumi program refuses to
 * deploy on any error. `integrations` holds only files whose shape is valid.
 */
export async function loadIntegrations(paths: string[] = ["integrations"]): Promise<LoadResult> {
  const { files, problems } = await findFiles(paths);
  // Each step of the check runs over every file before the next (see checkSource).
  const sources = await Promise.all(files.map(readSource));
  const checks = sources.map(checkShape).map(checkRules);

  const all = [...problems, ...checks.flatMap((c) => c.problems), ...crossFileProblems(checks)];
  const integrations = checks.flatMap((check): LoadedIntegration[] => check.integration
    ? [{ file: check.file, name: check.integration.metadata.name,
      integration: check.integration, locate: check.locate }]
    : []);
  return { integrations, problems: sortProblems(all), files };
}

async function readSource(file: string): Promise<SourceCheck> {
  try {
    const { bytes, size } = await readBounded(file);
    return parseSource(file, bytes, size);
  } catch (err) {
    return unreadSource(file, readProblem(file, err));
  }
}

/**
 * The file's bytes, or none past {@link MAX_FILE_BYTES}: the size is checked before reading,
 * so a huge file is never loaded into memory. One open, stat, read and close, as `readFile`
 * itself makes; a file that grew since the stat is read on to its end.
 */
async function readBounded(file: string): Promise<{ bytes: Uint8Array; size: number }> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size > MAX_FILE_BYTES) return { bytes: new Uint8Array(0), size };

    const buffer = Buffer.allocUnsafe(size + 1);
    const { bytesRead } = await handle.read(buffer, 0, size + 1, null);
    if (bytesRead <= size) return { bytes: buffer.subarray(0, bytesRead), size: bytesRead };
    const bytes = Buffer.concat([buffer, await handle.readFile()]);
    return { bytes, size: bytes.byteLength };
  } finally {
    await handle.close();
  }
}

async function findFiles(paths: string[]): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    try {
      files.push(...await filesAt(path));
    } catch (err) {
      problems.push(readProblem(path, err));
    }
  }
  return { files: unique(files), problems };
}

async function filesAt(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  // Symbolic links are kept: reading one follows it, and a dangling link or a loop then gets
  // its own located problem instead of the file silently dropping out of the plan.
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && EXTENSIONS.has(extname(e.name)))
    .map((e) => join(path, e.name)).sort();
}

// The same file named twice (a directory and a file in it) is checked once.
function unique(files: string[]): string[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = resolve(file);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readProblem(file: string, err: unknown): Problem {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const what = code === "ENOENT" ? "does not exist"
    : code === "ELOOP" ? "is a symbolic link loop"
    : code === "EACCES" ? "cannot be read (permission denied)"
      : code === "EISDIR" ? "is a directory"
        : `cannot be read (${code ?? String(err)})`;
  return { file, line: 1, column: 1, path: "", severity: "error", rule: "file-read",
    message: `${file} ${what}; check the path` };
}
