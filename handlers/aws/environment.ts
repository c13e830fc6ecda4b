/**
 * The environment variables the AWS component gives the functions. The component imports these
 * names too, so the two sides cannot drift apart.
 */
export const ENV = {
  /** The stack's public webhook base URL; the canonical URLs are derived from it. */
  webhookBaseUrl: "WEBHOOK_BASE_URL",
  routesTable: "ROUTES_TABLE",
  idempotencyTable: "IDEMPOTENCY_TABLE",
  optOutsTable: "OPT_OUTS_TABLE",
  queueUrl: "QUEUE_URL",
  /** Secrets Manager secret: `{accountSid, authToken, secondaryAuthToken?, apiKey?, ...}`. */
  twilioSecretId: "TWILIO_SECRET_ID",
  /** Secrets Manager secret: `{url, token}` of the chat agent. */
  agentSecretId: "AGENT_SECRET_ID",
} as const;

/** Reads a required variable; the error names it and what sets it. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set; the AwsWebhook component sets it, ` +
      "so redeploy the stack with `pulumi up`");
  }
  return value;
}
