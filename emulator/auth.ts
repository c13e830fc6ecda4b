import { timingSafeEqual } from "node:crypto";

import type { ApiKeyRecord } from "./store";
import { TwilioApiError } from "./twilio-error";

/** The credentials the emulator accepts: the account's own pair, or any of its API keys. */
export interface Credentials {
  accountSid: string;
  authToken: string;
  apiKeys: Iterable<ApiKeyRecord>;
}

/**
 * Checks HTTP Basic auth the way Twilio does: the user is the account SID with the auth token
 * as password, or an API key SID (SK…) with its secret. Anything else is 20003 with a 401.
 */
export function authenticate(header: string | undefined, credentials: Credentials): void {
  const pair = basicPair(header);
  if (pair && accepts(pair, credentials)) return;
  throw new TwilioApiError(401, 20003, "Authenticate");
}

function accepts([user, password]: [string, string], credentials: Credentials): boolean {
  if (user === credentials.accountSid) return same(password, credentials.authToken);
  for (const key of credentials.apiKeys) {
    if (key.sid === user) return same(password, key.secret);
  }
  return false;
}

function basicPair(header: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Twilio's challenge header on a 401 (seen in third-party emulators; unconfirmed). */
export const AUTH_CHALLENGE = { "WWW-Authenticate": 'Basic realm="Twilio API"' };
