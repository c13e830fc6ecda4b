/**
 * A generated fleet of integration files for the benchmarks and the slow tests: copies of the
 * four intake-based files in `integrations/`, each with its own `metadata.name`, file name and
 * number, so a fleet of any size validates as cleanly as the originals do.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { REPO_ROOT } from "../src/engine/paths";

/** The intake-based files every generated one is copied from, in turn. */
export const FLEET_BASES = [
  "brightsmile-dental", "northside-bakery", "quickfix-plumbing", "riverbend-food-bank",
] as const;

const AREA_CODES = ["800", "833", "844", "855", "866", "877", "888"];

/** One generated integration file. */
export interface FleetFile {
  /** `metadata.name`, also the file name without `.yaml`. */
  name: string;
  text: string;
  /** The toll-free number the file adopts, when it names one instead of buying. */
  existing?: string;
}

interface Base {
  name: string;
  text: string;
  /** The country of the number: CA for QuickFix Plumbing, US for the others. */
  country: "US" | "CA";
  /** Northside Bakery adopts an existing number; its copies each adopt one of their own. */
  adopts: boolean;
}

let bases: Base[] | undefined;

function loadBases(): Base[] {
  bases ??= FLEET_BASES.map((name) => {
    const text = fs.readFileSync(path.join(REPO_ROOT, "integrations", `${name}.yaml`), "utf8");
    return { name, text, country: /country: CA/.test(numberBlock(text)) ? "CA" : "US",
      adopts: /existing:/.test(numberBlock(text)) };
  });
  return bases;
}

/**
 * `count` integration files. File `i` copies base `i % 4` and is named `<base>-<i>`; copies of
 * Northside Bakery adopt a unique existing number (`+18XX555NNNN`), the others buy one in
 * their base's country, spread over the seven toll-free area codes so no area code runs out.
 */
export function generateFleet(count: number, offset = 0): FleetFile[] {
  const all = loadBases();
  return Array.from({ length: count }, (_, k) => {
    const i = offset + k;
    const base = all[i % all.length]!;
    const name = `${base.name}-${String(i).padStart(5, "0")}`;
    const areaCode = AREA_CODES[Math.floor(i / all.length) % AREA_CODES.length]!;
    const existing = base.adopts ? existingNumber(i) : undefined;
    const number = existing
      ? `    existing: "${existing}"\n`
      : `    purchase: { country: ${base.country}, areaCode: "${areaCode}" }\n`;
    const text = base.text
      .replace(/^ {2}name: .*$/m, `  name: ${name}`)
      .replace(numberBlock(base.text), `  number:\n${number}    releaseOnDelete: false\n`);
    return { name, text, ...(existing ? { existing } : {}) };
  });
}

/** A toll-free number of its own for file `i`: area code and line both derived from `i`. */
export function existingNumber(i: number): string {
  const areaCode = AREA_CODES[i % AREA_CODES.length]!;
  const line = 2000 + Math.floor(i / AREA_CODES.length);
  if (line > 9999) throw new Error(`fleet file ${i}: no unique existing number left`);
  return `+1${areaCode}555${line}`;
}

/** Writes the files into `dir` as `<name>.yaml`, and returns their paths. */
export function writeFleet(dir: string, files: readonly FleetFile[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return files.map((file) => {
    const target = path.join(dir, `${file.name}.yaml`);
    fs.writeFileSync(target, file.text);
    return target;
  });
}

/**
 * The emulator seed a fleet needs: its existing numbers owned by the account, and toll-free
 * inventory for every purchase several times over.
 */
export function fleetSeed(files: readonly FleetFile[]) {
  const owned = files.flatMap((f) => (f.existing ? [{ phoneNumber: f.existing }] : []));
  return { owned, inventory: { count: Math.max(350, files.length * 4), seed: 4010 } };
}

/** The `spec.number` block of an intake file: from `  number:` to the next spec key. */
function numberBlock(text: string): string {
  const block = /^ {2}number:\n(?: {4}.*\n)+/m.exec(text);
  if (!block) throw new Error("an intake file has no spec.number block");
  return block[0];
}
