/** One Twilio API request the emulator answered (test hooks under `/_emulator/` are not kept). */
export interface RequestLogEntry {
  /** Position in the log since the emulator started; never reused, not even after a clear. */
  index: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** The HTTP status answered, or 0 when a fault dropped the connection before processing. */
  status: number;
  /** When the request arrived, ISO 8601. */
  time: string;
  durationMs: number;
  /** Set when fault injection shaped the answer. */
  fault?: { status?: number; latencyMs?: number; drop?: "before" | "after" };
}

/**
 * The log behind `GET /_emulator/requests`. Tests count the calls an operation made either by
 * remembering `nextIndex` and asking for `?since=<index>`, or by clearing the log with
 * `DELETE /_emulator/requests` first.
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private next = 0;

  record(entry: Omit<RequestLogEntry, "index">): RequestLogEntry {
    const full = { index: this.next++, ...entry };
    this.entries.push(full);
    return full;
  }

  /** Entries whose index is `since` or later. */
  since(index = 0): RequestLogEntry[] {
    return this.entries.filter((entry) => entry.index >= index);
  }

  get nextIndex(): number {
    return this.next;
  }

  clear(): void {
    this.entries = [];
  }
}
