import { isSidOf } from "./sids";

/** Credentials as twilio-node takes them: the Basic auth pair and the account it acts for. */
export interface TwilioCredentials {
  accountSid: string;
  /** The account SID (auth token auth) or the API key SID (API key auth). */
  username: string;
  password: string;
  kind: "auth-token" | "api-key";
}

/** Credentials given in code; anything missing is read from the environment. */
export interface CredentialOptions {
  accountSid?: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
}

const REMEDY =
  "set TWILIO_ACCOUNT_SID (AC…) and either TWILIO_AUTH_TOKEN or TWILIO_API_KEY (SK…) " +
  "with TWILIO_API_SECRET";

/**
 * Resolves credentials: explicit options first, then `TWILIO_ACCOUNT_SID` with
 * `TWILIO_API_KEY`/`TWILIO_API_SECRET` (preferred when set) or `TWILIO_AUTH_TOKEN`. Errors
 * name the variables to set and never repeat a secret.
 */
export function resolveCredentials(
  options: CredentialOptions,
  env: NodeJS.ProcessEnv,
): TwilioCredentials {
  const explicit = options.authToken !== undefined || options.apiKey !== undefined;
  const accountSid = options.accountSid ?? (env.TWILIO_ACCOUNT_SID || undefined);
  const apiKey = explicit ? options.apiKey : env.TWILIO_API_KEY || undefined;
  const apiSecret = explicit ? options.apiSecret : env.TWILIO_API_SECRET || undefined;
  const authToken = explicit ? options.authToken : env.TWILIO_AUTH_TOKEN || undefined;

  if (!accountSid) throw new Error(`Twilio credentials missing: ${REMEDY}.`);
  checkAccountSid(accountSid);
  if (apiKey || apiSecret) return apiKeyCredentials(accountSid, apiKey, apiSecret);
  if (!authToken) {
    throw new Error(`Twilio credentials incomplete: TWILIO_ACCOUNT_SID is set; ${REMEDY}.`);
  }
  return { accountSid, username: accountSid, password: authToken, kind: "auth-token" };
}

function checkAccountSid(accountSid: string): void {
  if (isSidOf(accountSid, "AC")) return;
  const hint = accountSid.startsWith("SK")
    ? "; it starts with SK, an API key SID: put that in TWILIO_API_KEY"
    : "";
  throw new Error(
    `TWILIO_ACCOUNT_SID must be an account SID (AC followed by 32 hex digits)${hint}.`,
  );
}

function apiKeyCredentials(
  accountSid: string,
  apiKey: string | undefined,
  apiSecret: string | undefined,
): TwilioCredentials {
  if (!apiKey) throw new Error("TWILIO_API_SECRET is set without TWILIO_API_KEY: set both.");
  if (!apiSecret) throw new Error("TWILIO_API_KEY is set without TWILIO_API_SECRET: set both.");
  if (!isSidOf(apiKey, "SK")) {
    throw new Error("TWILIO_API_KEY must be an API key SID (SK followed by 32 hex digits).");
  }
  return { accountSid, username: apiKey, password: apiSecret, kind: "api-key" };
}
