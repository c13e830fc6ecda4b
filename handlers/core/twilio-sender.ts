import type { MessageSender, OutboundMessage } from "./message-sender";

/** The part of a twilio-node client the sender uses. */
export interface MessagesClient {
  messages: {
    create(params: { from: string; to: string; body: string; statusCallback: string }):
      Promise<{ sid: string }>;
  };
}

/**
 * The production sender: twilio-node's Messages API through the project's one client factory,
 * `createTwilioClient()` in src/twilio/client.ts, which reads the Twilio credentials and
 * `TWILIO_API_BASE_URL` (the emulator) from the environment. The client is made on first use,
 * so a runtime that never replies needs no credentials.
 */
export function twilioMessageSender(
  createClient: () => MessagesClient = loadProjectClient,
): MessageSender {
  let client: MessagesClient | undefined;

  return {
    async send(message: OutboundMessage) {
      client ??= createClient();
      const created = await client.messages.create({ from: message.from, to: message.to,
        body: message.body, statusCallback: message.statusCallback });
      return { sid: created.sid };
    },
  };
}

function loadProjectClient(): MessagesClient {
  // Loaded lazily so the handler core and its tests do not depend on the factory's module;
  // a literal path keeps it visible to esbuild when the Lambda bundles are built.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require("../../src/twilio/client") as {
    createTwilioClient(options?: unknown): MessagesClient;
  };
  return factory.createTwilioClient();
}
