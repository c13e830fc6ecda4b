import type { ApiHandler, ApiRequest } from "../context";
import { rfc2822 } from "../dates";
import type { ListFilters } from "../pagination";
import { apiListEnvelope, paginate, readPageQuery } from "../pagination";
import { sendMessage } from "../outbound";
import type { MessageRecord } from "../store";
import { notFound } from "../twilio-error";

const base = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}/Messages`;

/** A Message on the wire (`api.v2010.account.message`). */
export function renderMessage(record: MessageRecord, accountSid: string): Record<string, unknown> {
  const uri = `${base(accountSid)}/${record.sid}.json`;
  return {
    body: record.body,
    num_segments: String(record.numSegments),
    direction: record.direction,
    from: record.from,
    to: record.to,
    date_updated: rfc2822(record.dateUpdated),
    price: null,
    error_message: record.errorMessage,
    uri,
    account_sid: accountSid,
    num_media: String(record.mediaUrls.length),
    status: record.status,
    messaging_service_sid: record.messagingServiceSid,
    sid: record.sid,
    date_sent: record.dateSent ? rfc2822(record.dateSent) : null,
    date_created: rfc2822(record.dateCreated),
    error_code: record.errorCode,
    price_unit: "USD",
    api_version: "2010-04-01",
    subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
  };
}

/**
 * `POST Messages.json`: 201 with status `queued` (`accepted` through a Messaging Service).
 * Refusals Twilio makes at once (21610 opted-out recipient and the parameter checks) are
 * errors here; carrier outcomes, 30032 for an unverified toll-free sender among them, arrive
 * later as the message's status and `error_code`, and on its StatusCallback, as on Twilio.
 */
export const createMessage: ApiHandler = (ctx, req) => {
  const record = sendMessage(ctx, {
    direction: "outbound-api",
    from: req.form.get("From"),
    to: req.form.get("To"),
    body: req.form.get("Body") ?? "",
    messagingServiceSid: req.form.get("MessagingServiceSid"),
    statusCallback: req.form.get("StatusCallback"),
    mediaUrls: req.form.getAll("MediaUrl"),
  });
  return { status: 201, body: renderMessage(record, ctx.settings.accountSid) };
};

/** `GET Messages/{Sid}.json` */
export const fetchMessage: ApiHandler = (ctx, req) => {
  const record = ctx.store.messages.get(req.params.sid);
  if (!record) throw notFound(req.path);
  return { status: 200, body: renderMessage(record, ctx.settings.accountSid) };
};

/** `GET Messages.json`, newest first, filtered by `To`, `From` and `DateSent` (day, < or >). */
export const listMessages: ApiHandler = (ctx, req) => {
  const { filters, matches } = messageFilters(req);
  const records = [...ctx.store.messages.values()].filter(matches).reverse();
  const result = paginate(records, readPageQuery(req.query), "desc");
  const rendered = result.records.map((record) => renderMessage(record, ctx.settings.accountSid));
  return { status: 200, body: apiListEnvelope("messages", rendered, req.path, filters, result) };
};

function messageFilters(req: ApiRequest) {
  const filters: ListFilters = [];
  const tests: Array<(record: MessageRecord) => boolean> = [];
  for (const [param, key] of [["To", "to"], ["From", "from"]] as const) {
    const value = req.query.get(param);
    if (value === undefined) continue;
    filters.push([param, value]);
    tests.push((record) => record[key] === value);
  }
  for (const [param, compare] of dateComparisons) {
    const value = req.query.get(param);
    if (value === undefined) continue;
    filters.push([param, value]);
    tests.push((record) => compare((record.dateSent ?? record.dateCreated).slice(0, 10), value));
  }
  return { filters, matches: (record: MessageRecord) => tests.every((test) => test(record)) };
}

const dateComparisons: Array<[string, (day: string, value: string) => boolean]> = [
  ["DateSent", (day, value) => day === value.slice(0, 10)],
  ["DateSent<", (day, value) => day <= value.slice(0, 10)],
  ["DateSent>", (day, value) => day >= value.slice(0, 10)],
];
