import type { Twilio } from "twilio";
import type { IncomingPhoneNumberInstance } from "twilio/lib/rest/api/v2010/account/incomingPhoneNumber";
import type { TollfreeVerificationInstance } from "twilio/lib/rest/messaging/v1/tollfreeVerification";

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
}

async function listAll<T extends { sid: string }>(list: Promise<T[]>): Promise<Map<string, T>> {
  return new Map((await list).map((item) => [item.sid, item]));
}

/** The one snapshot of the provider process. */
export const snapshot = new AccountSnapshot();
