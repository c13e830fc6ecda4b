import { getSecret } from "@aws-lambda-powertools/parameters/secrets";

/** The Twilio secret the AWS component stores (Secrets Manager, JSON). */
export interface TwilioSecret {
  accountSid: string;
  /** Validates webhook signatures; with no API key it also authenticates replies. */
  authToken: string;
  /** The next token during a rotation; signatures made with either are accepted. */
  secondaryAuthToken?: string;
  /** An API key (SK…) and its secret, preferred for sending replies when present. */
  apiKey?: string;
  apiSecret?: string;
}

/** The agent secret the AWS component stores (Secrets Manager, JSON). */
export interface AgentSecret {
  url: string;
  token: string;
}

/**
 * Secrets are cached by Powertools for five minutes: a warm function does not call Secrets
 * Manager per message, and a rotated token reaches every function within that time.
 */
const MAX_AGE_SECONDS = 300;

/** Reads a JSON secret through Powertools Parameters. */
export async function readJsonSecret<T>(secretId: string): Promise<Partial<T>> {
  const value = await getSecret(secretId, { transform: "json", maxAge: MAX_AGE_SECONDS });
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`secret ${secretId} is not a JSON object; set it with \`pulumi up\``);
  }
  return value as Partial<T>;
}

/** The auth tokens in the Twilio secret, primary first; empty when none is set. */
export async function twilioAuthTokens(secretId: string): Promise<string[]> {
  const secret = await readJsonSecret<TwilioSecret>(secretId);
  return [secret.authToken, secret.secondaryAuthToken]
    .filter((token): token is string => typeof token === "string" && token.length > 0);
}
