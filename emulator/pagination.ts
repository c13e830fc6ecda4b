import type { FormParams } from "./form-params";
import { badRequest } from "./twilio-error";

/** Twilio's list paging: `PageSize` 1-1000 (default 50), `Page` for client state, `PageToken`. */
export interface PageQuery {
  pageSize: number;
  page: number;
  cursor?: Cursor;
}

type Cursor = { after: number } | { before: number };

export interface PageResult<T> {
  records: T[];
  query: PageQuery;
  next?: Cursor;
  previous?: Cursor;
}

/** Filters of a list request, in the order they are echoed back into page URLs. */
export type ListFilters = Array<[string, string]>;

export function readPageQuery(query: FormParams): PageQuery {
  const pageSize = query.getInteger("PageSize", 1, 1000) ?? 50;
  const page = query.getInteger("Page", 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const token = query.get("PageToken");
  return { pageSize, page, cursor: token ? decodeToken(token) : undefined };
}

/**
 * Cuts one page out of a list already in list order. Page tokens are cursors on the creation
 * counter, so paging stays consistent while resources are created or deleted in between.
 */
export function paginate<T extends { seq: number }>(
  items: T[],
  query: PageQuery,
  order: "asc" | "desc",
): PageResult<T> {
  const after = (item: T, seq: number) => (order === "asc" ? item.seq > seq : item.seq < seq);
  const records = pageRecords(items, query, after);
  const first = records[0];
  const last = records[records.length - 1];
  const hasAfter = last !== undefined && items.some((item) => after(item, last.seq));
  const hasBefore = first !== undefined && items.some((item) => after(first, item.seq));
  return {
    records,
    query,
    next: hasAfter ? { after: last.seq } : undefined,
    previous: hasBefore && query.page > 0 ? { before: first.seq } : undefined,
  };
}

function pageRecords<T extends { seq: number }>(
  items: T[],
  { cursor, page, pageSize }: PageQuery,
  after: (item: T, seq: number) => boolean,
): T[] {
  if (!cursor) return items.slice(page * pageSize, (page + 1) * pageSize);
  if ("after" in cursor) return items.filter((item) => after(item, cursor.after)).slice(0, pageSize);
  const before = items.filter((item) => item.seq !== cursor.before && !after(item, cursor.before));
  return before.slice(Math.max(0, before.length - pageSize));
}

/** The 2010-04-01 envelope: relative `*_page_uri`, `start`/`end`, the records under `key`. */
export function apiListEnvelope<R>(
  key: string,
  records: R[],
  path: string,
  filters: ListFilters,
  result: PageResult<unknown>,
): Record<string, unknown> {
  const { page, pageSize } = result.query;
  const start = page * pageSize;
  return {
    end: records.length ? start + records.length - 1 : 0,
    first_page_uri: pageUri(path, filters, pageSize, 0),
    [key]: records,
    next_page_uri: result.next ? pageUri(path, filters, pageSize, page + 1, result.next) : null,
    page,
    page_size: pageSize,
    previous_page_uri: result.previous
      ? pageUri(path, filters, pageSize, page - 1, result.previous)
      : null,
    start,
    uri: pageUri(path, filters, pageSize, page, result.query.cursor),
  };
}

/**
 * The messaging v1 envelope: `meta` with absolute page URLs on the emulator's own origin, which
 * twilio-node follows as they are (twilio-node src/base/Page.ts `getNextPageUrl`).
 */
export function v1ListEnvelope<R>(
  key: string,
  records: R[],
  url: string,
  filters: ListFilters,
  result: PageResult<unknown>,
): Record<string, unknown> {
  const { page, pageSize } = result.query;
  return {
    [key]: records,
    meta: {
      page,
      page_size: pageSize,
      first_page_url: pageUri(url, filters, pageSize, 0),
      previous_page_url: result.previous
        ? pageUri(url, filters, pageSize, page - 1, result.previous)
        : null,
      url: pageUri(url, filters, pageSize, page, result.query.cursor),
      next_page_url: result.next ? pageUri(url, filters, pageSize, page + 1, result.next) : null,
      key,
    },
  };
}

function pageUri(
  base: string,
  filters: ListFilters,
  pageSize: number,
  page: number,
  cursor?: Cursor,
): string {
  const search = new URLSearchParams(filters);
  search.set("PageSize", String(pageSize));
  search.set("Page", String(page));
  if (cursor) search.set("PageToken", encodeToken(cursor));
  return `${base}?${search.toString()}`;
}

function encodeToken(cursor: Cursor): string {
  const text = "after" in cursor ? `a${cursor.after}` : `b${cursor.before}`;
  return `PA${Buffer.from(text).toString("base64url")}`;
}

function decodeToken(token: string): Cursor {
  const text = token.startsWith("PA") ? Buffer.from(token.slice(2), "base64url").toString() : "";
  const match = /^([ab])(\d+)$/.exec(text);
  if (!match) throw badRequest(`PageToken '${token}' is not a page token this API issued`);
  const seq = Number(match[2]);
  return match[1] === "a" ? { after: seq } : { before: seq };
}
