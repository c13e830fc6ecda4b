import type { RequestLogEntry } from "../../emulator";

/** Calls an emulator test hook and returns its JSON answer. */
export async function emulatorHook<T = unknown>(
  url: string,
  method: string,
  name: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}/_emulator/${name}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /_emulator/${name}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Counts Twilio API calls: remember `mark()`, then read what came `since` it. */
export class RequestCounter {
  private start = 0;

  constructor(private readonly url: string) {}

  async mark(): Promise<void> {
    const log = await emulatorHook<{ nextIndex: number }>(this.url, "GET", "requests?since=0");
    this.start = log.nextIndex;
  }

  async since(): Promise<RequestLogEntry[]> {
    const log = await emulatorHook<{ requests: RequestLogEntry[] }>(
      this.url,
      "GET",
      `requests?since=${this.start}`,
    );
    return log.requests;
  }
}

/** Moves a verification to a review outcome, as Twilio's reviewers would. */
export function review(
  url: string,
  sid: string,
  decision: { status: string; rejectionReasons?: { code: number }[]; editAllowed?: boolean },
): Promise<unknown> {
  return emulatorHook(url, "POST", `verifications/${sid}/review`, decision);
}
