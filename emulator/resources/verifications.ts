import type { ApiHandler, ApiRequest, EmulatorContext } from "../context";
import { iso8601, nowIso } from "../dates";
import type { FormParams } from "../form-params";
import type { ListFilters } from "../pagination";
import { paginate, readPageQuery, v1ListEnvelope } from "../pagination";
import { numberTypeOf } from "../phone-numbers";
import { isSid, newSid } from "../sids";
import type { VerificationRecord } from "../store";
import { EMULATOR_ERROR_CODES, TwilioApiError, badRequest, notFound } from "../twilio-error";
import type { VerificationField } from "./verification-fields";
import {
  REQUIRED_ON_CREATE, VERIFICATION_FIELDS, VERIFICATION_STATUSES,
} from "./verification-fields";

const RESOURCE_URL = "https://messaging.twilio.com/v1/Tollfree/Verifications";

/** A verification on the wire (`messaging.v1.tollfree_verification`), ISO 8601 dates. */
export function renderVerification(
  record: VerificationRecord,
  accountSid: string,
): Record<string, unknown> {
  const payload = Object.fromEntries(
    VERIFICATION_FIELDS.map(({ key }) => [key, record.fields[key] ?? null]),
  );
  const first = record.rejectionReasons?.[0];
  return {
    sid: record.sid,
    account_sid: accountSid,
    trust_product_sid: record.trustProductSid,
    regulated_item_sid: record.regulatedItemSid,
    date_created: iso8601(record.dateCreated),
    date_updated: iso8601(record.dateUpdated),
    ...payload,
    tollfree_phone_number_sid: record.tollfreePhoneNumberSid,
    tollfree_phone_number: record.tollfreePhoneNumber,
    status: record.status,
    url: `${RESOURCE_URL}/${record.sid}`,
    rejection_reason: first?.reason ?? null,
    error_code: first?.code ?? null,
    edit_expiration: record.editExpiration ? iso8601(record.editExpiration) : null,
    edit_allowed: record.editAllowed,
    rejection_reasons: record.rejectionReasons,
    resource_links: resourceLinks(record),
    vetting_id_expiration: null,
  };
}

/** Trust Hub links, `{}` until approval attaches a trust product (spec create vs fetch). */
function resourceLinks(record: VerificationRecord): Record<string, string> {
  const links: Record<string, string> = {};
  const profile = record.fields.customer_profile_sid;
  if (typeof profile === "string") {
    links.customer_profile = `https://trusthub.twilio.com/v1/CustomerProfiles/${profile}`;
  }
  if (record.trustProductSid) {
    const product = `https://trusthub.twilio.com/v1/TrustProducts/${record.trustProductSid}`;
    links.trust_product = product;
    links.channel_endpoint_assignment =
      `${product}/ChannelEndpointAssignments/${record.regulatedItemSid}`;
  }
  return links;
}

/**
 * `POST /v1/Tollfree/Verifications`: 201 in PENDING_REVIEW. The number must be a toll-free
 * number of the account (Twilio answered 422 "Number not found in Inventory" in
 * twilio-node#946), and it may have one verification only (emulator code 99101, 409).
 */
export const createVerification: ApiHandler = (ctx, req) => {
  for (const param of REQUIRED_ON_CREATE) {
    if (!req.form.has(param)) throw badRequest(`Missing required parameter ${param}`);
  }
  const number = tollFreeNumber(ctx, req.form.get("TollfreePhoneNumberSid") ?? "");
  const existing = ctx.store.verificationForNumber(number.sid);
  if (existing) {
    throw new TwilioApiError(
      409, EMULATOR_ERROR_CODES.duplicateVerification,
      `Toll-free number ${number.phoneNumber} already has verification ${existing.sid}; ` +
        "edit or delete it instead of creating another",
    );
  }

  const now = nowIso();
  const record: VerificationRecord = {
    seq: ctx.store.nextSeq(),
    sid: newSid("HH"),
    fields: readFields(req.form, "create"),
    tollfreePhoneNumberSid: number.sid,
    tollfreePhoneNumber: number.phoneNumber,
    status: "PENDING_REVIEW",
    rejectionReasons: null,
    editAllowed: null,
    editExpiration: null,
    trustProductSid: null,
    regulatedItemSid: null,
    edits: [],
    dateCreated: now,
    dateUpdated: now,
  };
  ctx.store.verifications.set(record.sid, record);
  ctx.scheduleReview(record.sid);
  return { status: 201, body: renderVerification(record, ctx.settings.accountSid) };
};

function tollFreeNumber(ctx: EmulatorContext, sid: string) {
  if (!isSid(sid, "PN")) {
    throw badRequest(`TollfreePhoneNumberSid '${sid}' is not a PN followed by 32 hex digits`);
  }
  const number = ctx.store.phoneNumbers.get(sid);
  if (!number) throw new TwilioApiError(422, 422, "Number not found in Inventory");
  if (numberTypeOf(number.phoneNumber) !== "tollfree") {
    throw badRequest(`Phone number ${number.phoneNumber} is not a toll-free number`);
  }
  return number;
}

/** `GET /v1/Tollfree/Verifications/{Sid}` */
export const fetchVerification: ApiHandler = (ctx, req) => ({
  status: 200,
  body: renderVerification(existingVerification(ctx, req), ctx.settings.accountSid),
});

/**
 * `POST /v1/Tollfree/Verifications/{Sid}` (an edit): 202, back to PENDING_REVIEW. Twilio lets
 * a rejected verification be edited while `edit_allowed` is true and `edit_expiration` has not
 * passed; what it answers otherwise is not documented, so the emulator refuses with its own
 * codes 99102-99104 (HTTP 400). Omitted parameters keep their values.
 */
export const updateVerification: ApiHandler = (ctx, req) => {
  const record = existingVerification(ctx, req);
  refuseUneditable(record);
  const now = nowIso();
  Object.assign(record.fields, readFields(req.form, "update"));
  Object.assign(record, {
    status: "PENDING_REVIEW", rejectionReasons: null, editAllowed: null, editExpiration: null,
    dateUpdated: now,
  });
  record.edits.push({ reason: req.form.get("EditReason") ?? null, at: now });
  ctx.scheduleReview(record.sid);
  return { status: 202, body: renderVerification(record, ctx.settings.accountSid) };
};

function refuseUneditable(record: VerificationRecord): void {
  if (record.status !== "TWILIO_REJECTED") {
    throw new TwilioApiError(
      400, EMULATOR_ERROR_CODES.editNotRejected,
      `Verification ${record.sid} is ${record.status}; only a TWILIO_REJECTED verification ` +
        "can be edited",
    );
  }
  if (!record.editAllowed) {
    throw new TwilioApiError(
      400, EMULATOR_ERROR_CODES.editNotAllowed,
      `Verification ${record.sid} was rejected with edit_allowed false; delete it and ` +
        "create a new one",
    );
  }
  if (record.editExpiration && Date.parse(record.editExpiration) <= Date.now()) {
    throw new TwilioApiError(
      400, EMULATOR_ERROR_CODES.editExpired,
      `Verification ${record.sid} could be edited until ${iso8601(record.editExpiration)}; ` +
        "create a new one",
    );
  }
}

/** `DELETE /v1/Tollfree/Verifications/{Sid}`: 204, in any status (Twilio's rule unknown). */
export const deleteVerification: ApiHandler = (ctx, req) => {
  const record = existingVerification(ctx, req);
  ctx.cancelReview(record.sid);
  ctx.store.verifications.delete(record.sid);
  return { status: 204 };
};

/**
 * `GET /v1/Tollfree/Verifications`, newest first, filtered by `TollfreePhoneNumberSid`,
 * `Status`, `ExternalReferenceId` and `TrustProductSid` (repeated: any of them).
 * `IncludeSubAccounts` changes nothing: the emulator has no subaccounts.
 */
export const listVerifications: ApiHandler = (ctx, req) => {
  const { filters, matches } = verificationFilters(req.query);
  const records = [...ctx.store.verifications.values()].filter(matches).reverse();
  const result = paginate(records, readPageQuery(req.query), "desc");
  const rendered = result.records.map((record) =>
    renderVerification(record, ctx.settings.accountSid),
  );
  const url = `${req.origin}${req.path}`;
  return { status: 200, body: v1ListEnvelope("verifications", rendered, url, filters, result) };
};

function verificationFilters(query: FormParams) {
  const filters: ListFilters = [];
  const tests: Array<(record: VerificationRecord) => boolean> = [];
  const simple: Array<[string, (record: VerificationRecord) => unknown]> = [
    ["TollfreePhoneNumberSid", (record) => record.tollfreePhoneNumberSid],
    ["Status", (record) => record.status],
    ["ExternalReferenceId", (record) => record.fields.external_reference_id],
  ];
  for (const [param, valueOf] of simple) {
    const value = query.get(param);
    if (value === undefined) continue;
    filters.push([param, value]);
    tests.push((record) => valueOf(record) === value);
  }
  const status = query.get("Status");
  if (status !== undefined && !(VERIFICATION_STATUSES as readonly string[]).includes(status)) {
    throw badRequest(`Status '${status}' is not one of ${VERIFICATION_STATUSES.join(", ")}`);
  }
  const products = query.getAll("TrustProductSid");
  for (const product of products) filters.push(["TrustProductSid", product]);
  if (products.length) tests.push((record) => products.includes(record.trustProductSid ?? ""));
  const sub = query.getBoolean("IncludeSubAccounts");
  if (sub !== undefined) filters.push(["IncludeSubAccounts", String(sub)]);
  return { filters, matches: (record: VerificationRecord) => tests.every((test) => test(record)) };
}

function existingVerification(ctx: EmulatorContext, req: ApiRequest): VerificationRecord {
  const record = ctx.store.verifications.get(req.params.sid);
  if (!record) throw notFound(req.path);
  return record;
}

/** The payload fields a create or an update sends, checked against the spec's enums. */
function readFields(form: FormParams, operation: "create" | "update") {
  const fields: VerificationRecord["fields"] = {};
  for (const field of VERIFICATION_FIELDS) {
    if (!field[operation] || !form.has(field.param)) continue;
    fields[field.key] = readField(form, field);
  }
  for (const key of ["business_country", "business_registration_country"]) {
    const value = fields[key];
    // twilio-node#946: HTTP 400 `{"code": 400, "message": "Invalid business country"}`.
    if (typeof value === "string" && !/^[A-Z]{2}$/.test(value)) {
      throw badRequest("Invalid business country");
    }
  }
  return fields;
}

function readField(form: FormParams, field: VerificationField): string | string[] | boolean {
  if (field.kind === "boolean") return form.getBoolean(field.param) ?? false;
  const values = field.kind === "list" ? form.getAll(field.param) : [form.get(field.param) ?? ""];
  for (const value of values) {
    if (field.values && !field.values.includes(value)) {
      throw badRequest(`${field.param} '${value}' is not one of ${field.values.join(", ")}`);
    }
  }
  return field.kind === "list" ? values : values[0];
}
