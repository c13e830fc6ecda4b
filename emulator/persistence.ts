import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

import type { StateSnapshot } from "./store";

/** How long state may stay dirty before it is written: writes are batched, not per request. */
const WRITE_DELAY_MS = 200;

/**
 * Keeps the emulator's state in a JSON file (`--state FILE`): read once at start, written a
 * moment after changes and on close. Writes go to a temporary file renamed over the old one,
 * so a crash mid-write leaves the previous state intact.
 */
export class StateFile {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => StateSnapshot,
  ) {}

  /** The saved state, or undefined when the file does not exist yet. */
  load(): StateSnapshot | undefined {
    if (!existsSync(this.path)) return undefined;
    const parsed = JSON.parse(readFileSync(this.path, "utf8")) as StateSnapshot;
    if (parsed.version !== 1) {
      throw new Error(`${this.path}: state version ${String(parsed.version)} is not 1`);
    }
    return parsed;
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), WRITE_DELAY_MS);
    this.timer.unref();
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.snapshot(), null, 2)}\n`);
    renameSync(temporary, this.path);
  }
}
