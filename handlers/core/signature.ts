import { timingSafeEqual } from "node:crypto";

// The webhooks module alone: the full twilio package would put the REST client in every bundle.
import { getExpectedTwilioSignature, getSignatureAlgorithm, validateRequest,
  validateRequestWithBody } from "twilio/lib/webhooks/webhooks";

import type { FormParams } from "./form-body";

/** What a webhook request is checked with. */
export interface SignatureInput {
  /** Primary first, then the secondary token during a rotation; empty entries are ignored. */
  authTokens: readonly string[];
  /** The `X-Twilio-Signature` header, if any. */
  signature: string | undefined;
  /** The `X-Twilio-Webhooks-Signature-Settings` header, naming HMAC_SHA256 for shared keys. */
  signatureSettings?: string;
  /** The canonical URL plus the raw query string (see `signedUrl`). */
  url: string;
  /** The decoded body, used as is for JSON callbacks. */
  rawBody: string;
  /** The parsed form parameters, used for form callbacks. */
  params: FormParams;
}

/** The outcome of a signature check; `token` says which one matched, never its value. */
export type SignatureResult =
  | { ok: true; token: "primary" | "secondary" }
  | { ok: false; reason: "no_token" | "missing_signature" | "mismatch" };

/**
 * Checks `X-Twilio-Signature` with twilio-node. Form callbacks go through `validateRequest`,
 * which also tries the URL with and without its port (Twilio has signed SMS callbacks both ways,
 * field case F11). JSON callbacks carry `bodySHA256` in the query and are checked with
 * `validateRequestWithBody`, which signs the URL alone and compares the body hash (F13).
 */
export function checkTwilioSignature(input: SignatureInput): SignatureResult {
  const tokens = input.authTokens.filter((token) => token.length > 0);
  if (tokens.length === 0) return { ok: false, reason: "no_token" };
  if (!input.signature) return { ok: false, reason: "missing_signature" };

  const matched = tokens.findIndex((token) => matches(token, input, input.signature as string));
  if (matched === -1) return { ok: false, reason: "mismatch" };
  return { ok: true, token: matched === 0 ? "primary" : "secondary" };
}

function matches(token: string, input: SignatureInput, signature: string): boolean {
  const algorithm = input.signatureSettings
    ? getSignatureAlgorithm(input.signatureSettings)
    : undefined;

  if (hasBodyHash(input.url)) {
    return validateRequestWithBody(token, signature, input.url, input.rawBody, algorithm);
  }
  return signedAsConfigured(token, signature, input.url, input.params, algorithm) ||
    validateRequest(token, signature, input.url, input.params, algorithm);
}

/**
 * Twilio signs the URL a number is configured with, so that one is checked first: one HMAC,
 * where `validateRequest` tries the URL without its port before the URL with it, which costs
 * the local runtime (whose URLs carry a port) two HMACs and two URL parses per request.
 */
function signedAsConfigured(token: string, signature: string, url: string, params: FormParams,
  algorithm: string | undefined): boolean {
  let expected: Buffer;
  try {
    expected = Buffer.from(getExpectedTwilioSignature(token, url, params, algorithm));
  } catch {
    // An algorithm twilio-node does not know: validateRequest refuses it and says so.
    return false;
  }
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads the query as `validateRequestWithBody` does, through `URL`, so both agree on it. */
function hasBodyHash(url: string): boolean {
  if (!url.includes("?")) return false;
  try {
    return new URL(url).searchParams.has("bodySHA256");
  } catch {
    return false;
  }
}
