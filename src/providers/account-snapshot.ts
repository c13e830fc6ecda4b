import type { Twilio } from "twilio";
import type { IncomingPhoneNumberInstance } from "twilio/lib/rest/api/v2010/account/incomingPhoneNumber";
import type { TollfreeVerificationInstance } from "twilio/lib/rest/messaging/v1/tollfreeVerification";

/** A Messaging Service that has a number in its sender pool. */
export interface NumberService {
  sid: string;
  useInboundWebhookOnNumber: boolean;
  inboundRequestUrl: string | null;
}

/** Twilio's largest page: a refresh of N resources reads about N/1000 pages per collection. */
const PAGE_SIZE = 1000;

/**
 * What the account holds, read once per provider process. A refresh calls `read` once per
 * resource; fetching each one would cost N Twilio calls, so the first `read` lists the whole
 * collection and later ones look it up. Every write through the providers calls {@link forget},
 * so nothing is served from a list read before a change this process made.
 */
export class AccountSnapshot {
  private numbers?: Promise<Map<string, IncomingPhoneNumberInstance>>;
  private verifications?: Promise<Map<string, TollfreeVerificationInstance>>;
  private services?: Promise<Map<string, NumberService>>;

  /** The owned number with this SID, or undefined when the account no longer has it. */
  async number(client: Twilio, sid: string): Promise<IncomingPhoneNumberInstance | undefined> {
    this.numbers ??= listAll(client.incomingPhoneNumbers.list({ pageSize: PAGE_SIZE }));
    return (await this.settle(this.numbers)).get(sid);
  }

  /** The verification with this SID, or undefined when Twilio no longer has it. */
  async verification(
    client: Twilio,
    sid: string,
  ): Promise<TollfreeVerificationInstance | undefined> {
    this.verifications ??= listAll(
      client.messaging.v1.tollfreeVerifications.list({ pageSize: PAGE_SIZE }),
    );
    return (await this.settle(this.verifications)).get(sid);
  }

  /**
   * The Messaging Service whose sender pool holds the number, if any. Services are read once
   * per process and kept across writes: the providers never change a service's pool.
   */
  async serviceOf(client: Twilio, numberSid: string): Promise<NumberService | undefined> {
    this.services ??= listServicePools(client);
    try {
      return (await this.services).get(numberSid);
    } catch (err) {
      this.services = undefined;
      throw err;
    }
  }

  /** A failed list is not kept: the next `read` tries again. */
  private async settle<T>(pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } catch (err) {
      this.forget();
      throw err;
    }
  }

  /** Drops what was read, after a write or a failed read. */
  forget(): void {
    this.numbers = undefined;
    this.verifications = undefined;
  }

  /** Drops everything, Messaging Services too, as a new provider process would start. */
  reset(): void {
    this.forget();
    this.services = undefined;
  }
}

async function listServicePools(client: Twilio): Promise<Map<string, NumberService>> {
  const pools = new Map<string, NumberService>();
  const services = await client.messaging.v1.services.list({ pageSize: PAGE_SIZE });
  for (const service of services) {
    const numbers = await client.messaging.v1.services(service.sid).phoneNumbers.list({
      pageSize: PAGE_SIZE,
    });
    const { sid, useInboundWebhookOnNumber, inboundRequestUrl } = service;
    for (const number of numbers) {
      pools.set(number.sid, { sid, useInboundWebhookOnNumber, inboundRequestUrl });
    }
  }
  return pools;
}

async function listAll<T extends { sid: string }>(list: Promise<T[]>): Promise<Map<string, T>> {
  return new Map((await list).map((item) => [item.sid, item]));
}

/** The one snapshot of the provider process. */
export const snapshot = new AccountSnapshot();
