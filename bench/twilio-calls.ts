import type { RequestLogEntry } from "../emulator";

/** The Twilio calls of one operation, as the emulator's request log saw them. */
export interface CallCount {
  total: number;
  /** GET of a whole collection (one list page each), by collection. */
  lists: { numbers: number; verifications: number };
  /** Calls by method and path, SIDs replaced by `{sid}`: `GET /v1/Tollfree/Verifications`. */
  byEndpoint: Record<string, number>;
}

const NUMBER_LIST = /\/IncomingPhoneNumbers\.json$/;
const VERIFICATION_LIST = /^\/v1\/Tollfree\/Verifications$/;
const SID = /\b(AC|PN|HH|SM|MG|AP)[0-9a-f]{32}\b/g;

/** Counts an operation's calls: list pages per collection, and calls per endpoint. */
export function countCalls(requests: readonly RequestLogEntry[]): CallCount {
  const byEndpoint: Record<string, number> = {};
  for (const r of requests) {
    const endpoint = `${r.method} ${r.path.replace(SID, "{sid}")}`;
    byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + 1;
  }
  const gets = requests.filter((r) => r.method === "GET");
  return {
    total: requests.length,
    lists: {
      numbers: gets.filter((r) => NUMBER_LIST.test(r.path)).length,
      verifications: gets.filter((r) => VERIFICATION_LIST.test(r.path)).length,
    },
    byEndpoint,
  };
}
