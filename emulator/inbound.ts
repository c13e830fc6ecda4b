import type { EmulatorContext } from "./context";
import { nowIso } from "./dates";
import { HookError } from "./hook-error";
import type { OptOutType } from "./opt-out";
import { networkReply, optOutTypeOf } from "./opt-out";
import { newMessage, sendMessage } from "./outbound";
import { countryOf, isE164 } from "./phone-numbers";
import type { DeliveryRecord, HttpMethod, MessageRecord, PhoneNumberRecord } from "./store";
import { TwilioApiError } from "./twilio-error";
import { parseTwimlMessages } from "./twiml";
import type { WebhookResponse } from "./webhook-client";

/** `POST /_emulator/inbound`: someone texts one of the account's numbers. */
export interface InboundRequest {
  to: string;
  from: string;
  body: string;
  mediaUrls?: string[];
}

/** What the delivery did, as the hook answers it. */
export interface InboundResult {
  messageSid: string;
  /** The HTTP status of the answer that counted, null when no webhook answered. */
  status: number | null;
  /** The URL that answered (the fallback's when it was used), null when none is configured. */
  url: string | null;
  fallbackUsed: boolean;
  twiml: string | null;
  optOutType: OptOutType | null;
  /** Twilio's debugger code when delivery failed (11200, 11205). */
  errorCode: number | null;
  attempts: Array<Pick<WebhookResponse, "url" | "status" | "errorCode" | "error" | "durationMs">>;
  replies: Array<Pick<MessageRecord, "sid" | "to" | "body" | "status" | "errorCode">>;
}

interface Target {
  url: string;
  method: HttpMethod;
  fallbackUrl: string | null;
  fallbackMethod: HttpMethod;
  messagingServiceSid: string | null;
}

/**
 * Delivers an inbound SMS the way Twilio does: records the Message, applies toll-free opt-out
 * keywords (the message is still delivered), POSTs the signed webhook to the effective URL,
 * on failure or after the timeout tries the fallback URL with `ErrorCode`/`ErrorUrl`, and
 * sends the `<Message>` replies of the TwiML answer.
 */
export async function deliverInbound(
  ctx: EmulatorContext,
  request: InboundRequest,
): Promise<InboundResult> {
  const number = ctx.store.phoneNumberByE164(request.to);
  if (!number) throw new HookError(404, `to ${request.to} is not a number the account owns`);
  if (!isE164(request.from)) throw new HookError(400, `from ${request.from} is not E.164`);

  const message = newMessage(ctx, {
    direction: "inbound", from: request.from, to: request.to, body: request.body,
    status: "received", messagingServiceSid: number.messagingServiceSid, statusCallback: null,
    mediaUrls: request.mediaUrls ?? [],
  });
  const optOutType = applyKeyword(ctx, number, request) ?? null;
  const target = effectiveTarget(ctx, number);
  const params = webhookParams(ctx, message, number, optOutType);
  const attempts = target ? await callWebhooks(ctx, target, params) : [];
  const answer = attempts.find((attempt) => attempt.errorCode === null);
  const twiml = answer?.body ?? null;
  const replies = twiml ? sendReplies(ctx, twiml, message) : [];

  const delivery: DeliveryRecord = {
    messageSid: message.sid,
    url: (answer ?? attempts[attempts.length - 1])?.url ?? null,
    method: target?.method ?? "POST",
    status: (answer ?? attempts[attempts.length - 1])?.status ?? null,
    fallbackUsed: attempts.length > 1,
    twiml,
    errorCode: answer ? null : (attempts[attempts.length - 1]?.errorCode ?? null),
    replySids: replies.map((reply) => reply.sid),
  };
  ctx.store.deliveries.set(message.sid, delivery);
  ctx.changed();
  return {
    messageSid: message.sid, status: delivery.status, url: delivery.url,
    fallbackUsed: delivery.fallbackUsed, twiml, optOutType, errorCode: delivery.errorCode,
    attempts: attempts.map(({ url, status, errorCode, error, durationMs }) => ({
      url, status, errorCode, error, durationMs,
    })),
    replies: replies.map(({ sid, to, body, status, errorCode }) => ({
      sid, to, body, status, errorCode,
    })),
  };
}

/**
 * Toll-free opt-out: STOP-family words block the sender's further messages from this number
 * (sends then fail with 21610) and START/UNSTOP lift the block; the network answers both with
 * its fixed NETWORK MSG text, which is not a Message resource of the account.
 */
function applyKeyword(
  ctx: EmulatorContext,
  number: PhoneNumberRecord,
  request: InboundRequest,
): OptOutType | undefined {
  const type = optOutTypeOf(request.body);
  if (type === "STOP") ctx.store.setOptOut(number.phoneNumber, request.from, nowIso());
  if (type === "START") ctx.store.setOptOut(number.phoneNumber, request.from, null);
  const reply = type && number.type === "tollfree" ? networkReply(type, request.body) : undefined;
  if (reply) {
    ctx.store.networkReplies.push({
      seq: ctx.store.nextSeq(), from: number.phoneNumber, to: request.from, body: reply,
      time: nowIso(),
    });
  }
  return type;
}

/**
 * Where Twilio sends the message: a Messaging Service's inbound URL unless the service defers
 * to the number (`use_inbound_webhook_on_number`), else the SMS application's URLs when
 * `sms_application_sid` is set ("we ignore all sms_*_url values"), else the number's own.
 */
function effectiveTarget(ctx: EmulatorContext, number: PhoneNumberRecord): Target | undefined {
  const service = number.messagingServiceSid
    ? ctx.store.services.get(number.messagingServiceSid)
    : undefined;
  const serviceSid = service?.sid ?? null;
  if (service && !service.useInboundWebhookOnNumber) {
    return service.inboundRequestUrl
      ? {
        url: service.inboundRequestUrl, method: service.inboundMethod,
        fallbackUrl: service.fallbackUrl, fallbackMethod: service.fallbackMethod,
        messagingServiceSid: serviceSid,
      }
      : undefined;
  }
  const app = number.smsApplicationSid
    ? ctx.store.applications.get(number.smsApplicationSid)
    : undefined;
  if (number.smsApplicationSid) {
    return app?.smsUrl
      ? {
        url: app.smsUrl, method: app.smsMethod, fallbackUrl: app.smsFallbackUrl || null,
        fallbackMethod: app.smsFallbackMethod, messagingServiceSid: serviceSid,
      }
      : undefined;
  }
  return number.smsUrl
    ? {
      url: number.smsUrl, method: number.smsMethod, fallbackUrl: number.smsFallbackUrl || null,
      fallbackMethod: number.smsFallbackMethod, messagingServiceSid: serviceSid,
    }
    : undefined;
}

/** The parameters of Twilio's incoming-message webhook (messaging webhook-request docs). */
function webhookParams(
  ctx: EmulatorContext,
  message: MessageRecord,
  number: PhoneNumberRecord,
  optOutType: OptOutType | null,
): Record<string, string> {
  const params: Record<string, string> = {
    ToCountry: number.isoCountry, ToState: "", SmsMessageSid: message.sid,
    NumMedia: String(message.mediaUrls.length), ToCity: "", FromZip: "",
    SmsSid: message.sid, FromState: "", SmsStatus: "received", FromCity: "",
    Body: message.body, FromCountry: countryOf(message.from), To: message.to, ToZip: "",
    NumSegments: String(message.numSegments), MessageSid: message.sid,
    AccountSid: ctx.settings.accountSid, From: message.from, ApiVersion: "2010-04-01",
  };
  if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
  if (optOutType) params.OptOutType = optOutType;
  message.mediaUrls.forEach((url, i) => {
    params[`MediaUrl${i}`] = url;
    params[`MediaContentType${i}`] = "image/jpeg";
  });
  return params;
}

async function callWebhooks(
  ctx: EmulatorContext,
  target: Target,
  params: Record<string, string>,
): Promise<WebhookResponse[]> {
  const timeoutMs = ctx.settings.webhookTimeoutMs;
  const { url, method } = target;
  const primary = await ctx.webhooks.send({ url, method, params, timeoutMs });
  if (primary.errorCode === null || !target.fallbackUrl) return [primary];
  const fallback = await ctx.webhooks.send({
    url: target.fallbackUrl,
    method: target.fallbackMethod,
    params: { ...params, ErrorCode: String(primary.errorCode), ErrorUrl: target.url },
    timeoutMs,
  });
  return [primary, fallback];
}

/** Sends the TwiML answer's `<Message>` verbs as outbound replies; refusals are recorded. */
function sendReplies(ctx: EmulatorContext, twiml: string, inbound: MessageRecord) {
  return parseTwimlMessages(twiml).map((reply): MessageRecord => {
    const outbound = {
      direction: "outbound-reply" as const, from: reply.from ?? inbound.to,
      to: reply.to ?? inbound.from, body: reply.body, mediaUrls: [],
    };
    try {
      return sendMessage(ctx, outbound);
    } catch (error) {
      if (!(error instanceof TwilioApiError)) throw error;
      const failed = newMessage(ctx, {
        ...outbound, status: "failed", messagingServiceSid: null, statusCallback: null,
      });
      Object.assign(failed, { errorCode: error.code, errorMessage: error.message });
      return failed;
    }
  });
}
