import type { AvailableNumber } from "./inventory";
import type { IsoCountry, NumberType } from "./phone-numbers";

export type HttpMethod = "GET" | "POST";

/** An IncomingPhoneNumber the account owns. */
export interface PhoneNumberRecord {
  seq: number;
  sid: string;
  phoneNumber: string;
  isoCountry: IsoCountry;
  type: NumberType;
  friendlyName: string;
  smsUrl: string;
  smsMethod: HttpMethod;
  smsFallbackUrl: string;
  smsFallbackMethod: HttpMethod;
  smsApplicationSid: string | null;
  statusCallback: string;
  statusCallbackMethod: HttpMethod;
  voiceUrl: string | null;
  voiceMethod: HttpMethod;
  voiceFallbackUrl: string | null;
  voiceFallbackMethod: HttpMethod;
  voiceApplicationSid: string | null;
  voiceCallerIdLookup: boolean;
  /** The Messaging Service whose sender pool holds the number, if any (not on the wire). */
  messagingServiceSid: string | null;
  dateCreated: string;
  dateUpdated: string;
}

export type VerificationStatus = "PENDING_REVIEW" | "IN_REVIEW" | "TWILIO_APPROVED" | "TWILIO_REJECTED";

export interface RejectionReason {
  code: number;
  reason: string;
}

/** A Toll-Free Verification. `fields` holds the submitted payload under its wire keys. */
export interface VerificationRecord {
  seq: number;
  sid: string;
  fields: Record<string, string | string[] | boolean | null>;
  tollfreePhoneNumberSid: string;
  tollfreePhoneNumber: string;
  status: VerificationStatus;
  rejectionReasons: RejectionReason[] | null;
  editAllowed: boolean | null;
  editExpiration: string | null;
  trustProductSid: string | null;
  regulatedItemSid: string | null;
  /** Every accepted edit with its `EditReason`, oldest first (not on the wire). */
  edits: Array<{ reason: string | null; at: string }>;
  dateCreated: string;
  dateUpdated: string;
}

export type MessageDirection = "inbound" | "outbound-api" | "outbound-reply";

export type MessageStatus =
  | "accepted" | "queued" | "sending" | "sent" | "delivered" | "undelivered" | "failed"
  | "received";

export interface MessageRecord {
  seq: number;
  sid: string;
  direction: MessageDirection;
  from: string;
  to: string;
  body: string;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number;
  mediaUrls: string[];
  messagingServiceSid: string | null;
  statusCallback: string | null;
  dateCreated: string;
  dateUpdated: string;
  dateSent: string | null;
}

/** What happened when an inbound message was delivered to the number's webhook. */
export interface DeliveryRecord {
  messageSid: string;
  url: string | null;
  method: HttpMethod;
  status: number | null;
  fallbackUsed: boolean;
  twiml: string | null;
  errorCode: number | null;
  replySids: string[];
}

/** A carrier auto-reply on toll-free STOP/START: sent by the network, not a Message resource. */
export interface NetworkReply {
  seq: number;
  from: string;
  to: string;
  body: string;
  time: string;
}

export interface OptOutRecord {
  /** The toll-free (or local) number the recipient opted out of. */
  number: string;
  /** The recipient who sent STOP. */
  sender: string;
  since: string;
}

export interface ServiceRecord {
  seq: number;
  sid: string;
  friendlyName: string;
  inboundRequestUrl: string | null;
  inboundMethod: HttpMethod;
  fallbackUrl: string | null;
  fallbackMethod: HttpMethod;
  statusCallback: string | null;
  useInboundWebhookOnNumber: boolean;
  dateCreated: string;
  dateUpdated: string;
}

/** A TwiML App as far as SMS goes: an `SmsApplicationSid` on a number sends inbound here. */
export interface ApplicationRecord {
  sid: string;
  friendlyName: string;
  smsUrl: string;
  smsMethod: HttpMethod;
  smsFallbackUrl: string;
  smsFallbackMethod: HttpMethod;
}

export interface ApiKeyRecord {
  sid: string;
  secret: string;
}

/** Everything `GET /_emulator/state` returns and `PUT /_emulator/state` restores. */
export interface StateSnapshot {
  version: 1;
  seq: number;
  inventory: AvailableNumber[];
  phoneNumbers: PhoneNumberRecord[];
  verifications: VerificationRecord[];
  messages: MessageRecord[];
  deliveries: DeliveryRecord[];
  networkReplies: NetworkReply[];
  optOuts: OptOutRecord[];
  services: ServiceRecord[];
  applications: ApplicationRecord[];
  apiKeys: ApiKeyRecord[];
}

/** The emulator's state: the account's resources, kept in insertion order. */
export class EmulatorStore {
  private seq = 0;
  readonly inventory = new Map<string, AvailableNumber>();
  readonly phoneNumbers = new Map<string, PhoneNumberRecord>();
  readonly verifications = new Map<string, VerificationRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly deliveries = new Map<string, DeliveryRecord>();
  readonly networkReplies: NetworkReply[] = [];
  readonly optOuts = new Map<string, OptOutRecord>();
  readonly services = new Map<string, ServiceRecord>();
  readonly applications = new Map<string, ApplicationRecord>();
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  private readonly sidByNumber = new Map<string, string>();

  /** The next value of the creation counter that orders every resource. */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  addPhoneNumber(record: PhoneNumberRecord): void {
    this.phoneNumbers.set(record.sid, record);
    this.sidByNumber.set(record.phoneNumber, record.sid);
    this.inventory.delete(record.phoneNumber);
  }

  removePhoneNumber(sid: string): void {
    const record = this.phoneNumbers.get(sid);
    if (!record) return;
    this.phoneNumbers.delete(sid);
    this.sidByNumber.delete(record.phoneNumber);
  }

  phoneNumberByE164(phoneNumber: string): PhoneNumberRecord | undefined {
    const sid = this.sidByNumber.get(phoneNumber);
    return sid ? this.phoneNumbers.get(sid) : undefined;
  }

  verificationForNumber(phoneNumberSid: string): VerificationRecord | undefined {
    for (const record of this.verifications.values()) {
      if (record.tollfreePhoneNumberSid === phoneNumberSid) return record;
    }
    return undefined;
  }

  isOptedOut(number: string, sender: string): boolean {
    return this.optOuts.has(optOutKey(number, sender));
  }

  setOptOut(number: string, sender: string, since: string | null): void {
    if (since) this.optOuts.set(optOutKey(number, sender), { number, sender, since });
    else this.optOuts.delete(optOutKey(number, sender));
  }

  setInventory(numbers: AvailableNumber[]): void {
    this.inventory.clear();
    for (const entry of numbers) {
      if (!this.sidByNumber.has(entry.phoneNumber)) this.inventory.set(entry.phoneNumber, entry);
    }
  }

  clear(): void {
    this.restore(emptySnapshot());
  }

  snapshot(): StateSnapshot {
    return structuredClone({
      version: 1,
      seq: this.seq,
      inventory: [...this.inventory.values()],
      phoneNumbers: [...this.phoneNumbers.values()],
      verifications: [...this.verifications.values()],
      messages: [...this.messages.values()],
      deliveries: [...this.deliveries.values()],
      networkReplies: this.networkReplies,
      optOuts: [...this.optOuts.values()],
      services: [...this.services.values()],
      applications: [...this.applications.values()],
      apiKeys: [...this.apiKeys.values()],
    });
  }

  restore(snapshot: StateSnapshot): void {
    const copy = structuredClone(snapshot);
    this.seq = copy.seq;
    refill(this.inventory, copy.inventory, (entry) => entry.phoneNumber);
    refill(this.phoneNumbers, copy.phoneNumbers, (entry) => entry.sid);
    refill(this.verifications, copy.verifications, (entry) => entry.sid);
    refill(this.messages, copy.messages, (entry) => entry.sid);
    refill(this.deliveries, copy.deliveries, (entry) => entry.messageSid);
    this.networkReplies.splice(0, this.networkReplies.length, ...copy.networkReplies);
    refill(this.optOuts, copy.optOuts, (entry) => optOutKey(entry.number, entry.sender));
    refill(this.services, copy.services, (entry) => entry.sid);
    refill(this.applications, copy.applications, (entry) => entry.sid);
    refill(this.apiKeys, copy.apiKeys, (entry) => entry.sid);
    this.sidByNumber.clear();
    for (const record of this.phoneNumbers.values()) {
      this.sidByNumber.set(record.phoneNumber, record.sid);
    }
  }
}

export function emptySnapshot(): StateSnapshot {
  return {
    version: 1, seq: 0, inventory: [], phoneNumbers: [], verifications: [], messages: [],
    deliveries: [], networkReplies: [], optOuts: [], services: [], applications: [], apiKeys: [],
  };
}

function optOutKey(number: string, sender: string): string {
  return `${number}|${sender}`;
}

function refill<T>(map: Map<string, T>, entries: T[], key: (entry: T) => string): void {
  map.clear();
  for (const entry of entries) map.set(key(entry), entry);
}
