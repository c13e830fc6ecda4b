import type { ApiHandler, ApiRequest, EmulatorContext } from "../context";
import { iso8601 } from "../dates";
import { paginate, readPageQuery, v1ListEnvelope } from "../pagination";
import type { PhoneNumberRecord, ServiceRecord } from "../store";
import { notFound } from "../twilio-error";

/**
 * Messaging Services, read-only: enough for a reconciler to find out that a number sits in a
 * service whose inbound settings override the number's SmsUrl (field case F20). Services are
 * made with `POST /_emulator/seed`.
 */
const SERVICES_URL = "https://messaging.twilio.com/v1/Services";

/** `messaging.v1.service` */
export function renderService(record: ServiceRecord, accountSid: string) {
  const url = `${SERVICES_URL}/${record.sid}`;
  return {
    sid: record.sid,
    account_sid: accountSid,
    friendly_name: record.friendlyName,
    date_created: iso8601(record.dateCreated),
    date_updated: iso8601(record.dateUpdated),
    inbound_request_url: record.inboundRequestUrl,
    inbound_method: record.inboundMethod,
    fallback_url: record.fallbackUrl,
    fallback_method: record.fallbackMethod,
    status_callback: record.statusCallback,
    sticky_sender: true,
    mms_converter: true,
    smart_encoding: true,
    scan_message_content: "inherit",
    fallback_to_long_code: false,
    area_code_geomatch: true,
    synchronous_validation: false,
    validity_period: 14400,
    url,
    links: {
      phone_numbers: `${url}/PhoneNumbers`,
      short_codes: `${url}/ShortCodes`,
      alpha_senders: `${url}/AlphaSenders`,
      messages: `${url}/Messages`,
    },
    usecase: "undeclared",
    us_app_to_person_registered: false,
    use_inbound_webhook_on_number: record.useInboundWebhookOnNumber,
  };
}

/** `messaging.v1.service.phone_number` */
function renderServiceNumber(
  number: PhoneNumberRecord,
  service: ServiceRecord,
  accountSid: string,
) {
  return {
    sid: number.sid,
    account_sid: accountSid,
    service_sid: service.sid,
    date_created: iso8601(number.dateCreated),
    date_updated: iso8601(number.dateUpdated),
    phone_number: number.phoneNumber,
    country_code: number.isoCountry,
    capabilities: ["SMS", "MMS", "Voice"],
    url: `${SERVICES_URL}/${service.sid}/PhoneNumbers/${number.sid}`,
  };
}

/** `GET /v1/Services`, oldest first. */
export const listServices: ApiHandler = (ctx, req) => {
  const result = paginate([...ctx.store.services.values()], readPageQuery(req.query), "asc");
  const rendered = result.records.map((record) => renderService(record, ctx.settings.accountSid));
  return {
    status: 200,
    body: v1ListEnvelope("services", rendered, `${req.origin}${req.path}`, [], result),
  };
};

/** `GET /v1/Services/{Sid}` */
export const fetchService: ApiHandler = (ctx, req) => ({
  status: 200,
  body: renderService(existingService(ctx, req), ctx.settings.accountSid),
});

/** `GET /v1/Services/{ServiceSid}/PhoneNumbers`: the service's sender pool. */
export const listServiceNumbers: ApiHandler = (ctx, req) => {
  const service = existingService(ctx, req);
  const numbers = [...ctx.store.phoneNumbers.values()].filter(
    (number) => number.messagingServiceSid === service.sid,
  );
  const result = paginate(numbers, readPageQuery(req.query), "asc");
  const rendered = result.records.map((number) =>
    renderServiceNumber(number, service, ctx.settings.accountSid),
  );
  return {
    status: 200,
    body: v1ListEnvelope("phone_numbers", rendered, `${req.origin}${req.path}`, [], result),
  };
};

function existingService(ctx: EmulatorContext, req: ApiRequest): ServiceRecord {
  const record = ctx.store.services.get(req.params.sid);
  if (!record) throw notFound(req.path);
  return record;
}
