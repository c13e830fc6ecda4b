import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach } from "vitest";

/** The four integration files converted from the intake records. */
export const INTAKE_NAMES = [
  "brightsmile-dental", "northside-bakery", "quickfix-plumbing", "riverbend-food-bank",
] as const;

export type IntakeName = (typeof INTAKE_NAMES)[number];

export const REPO = join(__dirname, "..", "..");

/** The committed integration file's text. */
export function integrationText(name: IntakeName): string {
  return readFileSync(join(REPO, "integrations", `${name}.yaml`), "utf8");
}

/** The intake record the file was converted from. */
export function intakeRecord(name: IntakeName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO, "..", "shared", "intake", `${name}.json`), "utf8"));
}

/** A text edit on an integration file: replace `from` (which must occur) by `to`. */
export type Edit = [from: string | RegExp, to: string];

/** `text` with each edit applied; throws when an edit does not apply, so cases stay honest. */
export function edit(text: string, edits: readonly Edit[]): string {
  return edits.reduce((current, [from, to]) => {
    const next = current.replace(from, to);
    if (next === current) throw new Error(`edit did not apply: ${String(from)}`);
    return next;
  }, text);
}

/** The 1-based line of the first line containing `needle`; throws when there is none. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return index + 1;
}

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory holding `files` (name → content), removed after the test. */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "integrations-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
