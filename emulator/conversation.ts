import { optOutTypeOf } from "./opt-out";
import type { DeliveryRecord, EmulatorStore } from "./store";

/** One line of the conversation log behind `GET /_emulator/messages`. */
export interface ConversationEntry {
  /** Position in the account's history: later entries have larger values. */
  seq: number;
  /** A Message resource, or the toll-free network's own STOP/START reply. */
  kind: "message" | "network-reply";
  sid: string | null;
  direction: "inbound" | "outbound-api" | "outbound-reply" | "network";
  from: string;
  to: string;
  body: string;
  status: string;
  errorCode: number | null;
  time: string;
  /** Inbound only: the keyword type Twilio put in `OptOutType`, if any. */
  optOutType?: string;
  /** Inbound only: the webhook delivery and the TwiML it answered. */
  delivery?: Omit<DeliveryRecord, "messageSid" | "replySids">;
}

/**
 * Every message in and out of the account in order, inbound ones with the webhook answer, so a
 * test can read a whole conversation: filter by `number` (either side) and `since` (a `seq`).
 */
export function conversationLog(
  store: EmulatorStore,
  filter: { number?: string; since?: number } = {},
): ConversationEntry[] {
  const messages = [...store.messages.values()].map((message): ConversationEntry => {
    const delivery = store.deliveries.get(message.sid);
    const optOutType = message.direction === "inbound" ? optOutTypeOf(message.body) : undefined;
    return {
      seq: message.seq, kind: "message", sid: message.sid, direction: message.direction,
      from: message.from, to: message.to, body: message.body, status: message.status,
      errorCode: message.errorCode, time: message.dateCreated,
      ...(optOutType ? { optOutType } : {}),
      ...(delivery ? { delivery: withoutIds(delivery) } : {}),
    };
  });
  const replies = store.networkReplies.map((reply): ConversationEntry => ({
    seq: reply.seq, kind: "network-reply", sid: null, direction: "network", from: reply.from,
    to: reply.to, body: reply.body, status: "delivered", errorCode: null, time: reply.time,
  }));
  return [...messages, ...replies]
    .filter((entry) => filter.since === undefined || entry.seq >= filter.since)
    .filter((entry) => !filter.number || entry.from === filter.number || entry.to === filter.number)
    .sort((a, b) => a.seq - b.seq);
}

function withoutIds(delivery: DeliveryRecord): Omit<DeliveryRecord, "messageSid" | "replySids"> {
  const { url, method, status, fallbackUsed, twiml, errorCode } = delivery;
  return { url, method, status, fallbackUsed, twiml, errorCode };
}
