import type { EmulatorContext } from "./context";
import { nowIso } from "./dates";
import { isE164, numberTypeOf } from "./phone-numbers";
import { segmentCount } from "./segments";
import { newSid } from "./sids";
import type { MessageDirection, MessageRecord, MessageStatus, PhoneNumberRecord } from "./store";
import { TwilioApiError } from "./twilio-error";

/** An outbound message, from the Messages API or from a TwiML `<Message>` reply. */
export interface OutboundMessage {
  direction: Exclude<MessageDirection, "inbound">;
  from?: string;
  to?: string;
  body: string;
  messagingServiceSid?: string;
  statusCallback?: string;
  mediaUrls: string[];
}

/** "The concatenated message body exceeds the 1600 character limit" (Twilio 21617). */
const MAX_BODY = 1600;

/**
 * Accepts an outbound message the way Twilio does: checks what Twilio checks at once (the
 * 216xx codes), records the message as queued, and lets the carrier outcome follow.
 */
export function sendMessage(ctx: EmulatorContext, message: OutboundMessage): MessageRecord {
  const { sender, serviceSid } = resolveSender(ctx, message);
  const to = checkRecipient(message);
  if (message.body.length > MAX_BODY) {
    throw new TwilioApiError(
      400, 21617, "The concatenated message body exceeds the 1600 character limit",
    );
  }
  if (ctx.store.isOptedOut(sender.phoneNumber, to)) {
    throw new TwilioApiError(400, 21610, "Attempt to send to unsubscribed recipient");
  }

  const record = newMessage(ctx, {
    direction: message.direction, from: sender.phoneNumber, to, body: message.body,
    status: serviceSid ? "accepted" : "queued", messagingServiceSid: serviceSid,
    statusCallback: message.statusCallback ?? null, mediaUrls: message.mediaUrls,
  });
  ctx.later(() => deliver(ctx, record, sender));
  return record;
}

function resolveSender(ctx: EmulatorContext, message: OutboundMessage) {
  if (message.from) {
    const sender = ctx.store.phoneNumberByE164(message.from);
    if (!sender) {
      throw new TwilioApiError(
        400, 21606,
        `The From phone number ${message.from} is not a valid, SMS-capable inbound phone ` +
          "number or short code for your account.",
      );
    }
    return { sender, serviceSid: message.messagingServiceSid ?? null };
  }
  if (message.messagingServiceSid) return serviceSender(ctx, message.messagingServiceSid);
  throw new TwilioApiError(400, 21603, "A 'From' phone number is required.");
}

function serviceSender(ctx: EmulatorContext, serviceSid: string) {
  if (!ctx.store.services.has(serviceSid)) {
    throw new TwilioApiError(400, 21701, `The Messaging Service Sid ${serviceSid} is invalid.`);
  }
  for (const sender of ctx.store.phoneNumbers.values()) {
    if (sender.messagingServiceSid === serviceSid) return { sender, serviceSid };
  }
  throw new TwilioApiError(
    400, 21703, `The Messaging Service ${serviceSid} has no phone numbers in its sender pool.`,
  );
}

function checkRecipient(message: OutboundMessage): string {
  if (!message.to) throw new TwilioApiError(400, 21604, "A 'To' phone number is required.");
  if (!isE164(message.to)) {
    throw new TwilioApiError(400, 21211, `Invalid 'To' Phone Number: ${message.to}`);
  }
  if (!message.body && message.mediaUrls.length === 0) {
    throw new TwilioApiError(400, 21602, "Message body is required.");
  }
  return message.to;
}

type NewMessage = Pick<
  MessageRecord,
  "direction" | "from" | "to" | "body" | "status" | "messagingServiceSid" | "statusCallback"
  | "mediaUrls"
>;

/** Records a Message resource (outbound, or inbound with status `received`). */
export function newMessage(ctx: EmulatorContext, fields: NewMessage): MessageRecord {
  const now = nowIso();
  const record: MessageRecord = {
    seq: ctx.store.nextSeq(),
    sid: newSid("SM"),
    ...fields,
    errorCode: null,
    errorMessage: null,
    numSegments: segmentCount(fields.body),
    dateCreated: now,
    dateUpdated: now,
    dateSent: fields.direction === "inbound" ? now : null,
  };
  ctx.store.messages.set(record.sid, record);
  return record;
}

/**
 * The carrier's part. From a toll-free number whose verification is not TWILIO_APPROVED the
 * message ends `undelivered` with 30032 ("As of January 31, 2024, traffic from unverified
 * Toll-Free numbers in Restricted or Pending status is blocked", Twilio error 30032, a carrier
 * error reported on the message, not on the create call); otherwise `sent`, then `delivered`.
 */
async function deliver(
  ctx: EmulatorContext,
  record: MessageRecord,
  sender: PhoneNumberRecord,
): Promise<void> {
  if (isBlockedSender(ctx, sender)) {
    await advance(ctx, record, "undelivered", 30032, "Toll-Free Number Has Not Been Verified");
    return;
  }
  record.dateSent = nowIso();
  await advance(ctx, record, "sent");
  await advance(ctx, record, "delivered");
}

function isBlockedSender(ctx: EmulatorContext, sender: PhoneNumberRecord): boolean {
  if (ctx.settings.allowUnverifiedSending) return false;
  if (numberTypeOf(sender.phoneNumber) !== "tollfree") return false;
  return ctx.store.verificationForNumber(sender.sid)?.status !== "TWILIO_APPROVED";
}

async function advance(
  ctx: EmulatorContext,
  record: MessageRecord,
  status: MessageStatus,
  errorCode: number | null = null,
  errorMessage: string | null = null,
): Promise<void> {
  Object.assign(record, { status, errorCode, errorMessage, dateUpdated: nowIso() });
  ctx.changed();
  if (!record.statusCallback) return;
  await ctx.webhooks.send({
    url: record.statusCallback,
    method: "POST",
    params: statusCallbackParams(ctx, record),
    timeoutMs: ctx.settings.webhookTimeoutMs,
  });
}

/** The parameters of a message status callback (Twilio messaging webhook docs). */
function statusCallbackParams(ctx: EmulatorContext, record: MessageRecord) {
  const params: Record<string, string> = {
    AccountSid: ctx.settings.accountSid,
    ApiVersion: "2010-04-01",
    From: record.from,
    MessageSid: record.sid,
    MessageStatus: record.status,
    SmsSid: record.sid,
    SmsStatus: record.status,
    To: record.to,
  };
  if (record.messagingServiceSid) params.MessagingServiceSid = record.messagingServiceSid;
  if (record.errorCode !== null) params.ErrorCode = String(record.errorCode);
  return params;
}
