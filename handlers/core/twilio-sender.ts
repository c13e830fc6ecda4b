import type { Twilio, TwilioClientOptions } from "../../src/twilio/client";
import type { MessageSender, OutboundMessage } from "./message-sender";

/** Client options, or a function that reads them (a secret) before each send. */
export type TwilioSenderOptions = TwilioClientOptions | (() => Promise<TwilioClientOptions>);

/**
 * The production sender: twilio-node's Messages API through the project's one client factory,
 * `createTwilioClient()`, which falls back to the Twilio credentials and `TWILIO_API_BASE_URL`
 * (the emulator) in the environment for anything the options leave out. The factory is loaded
 * and the client made on the first send, so a runtime that never replies needs neither; a new
 * client is made only when the options change (a rotated token read from a secret).
 */
export function twilioMessageSender(options: TwilioSenderOptions = {}): MessageSender {
  let cached: { key: string; client: Twilio } | undefined;

  const clientFor = async (): Promise<Twilio> => {
    const resolved = typeof options === "function" ? await options() : options;
    const key = JSON.stringify(resolved);
    if (cached?.key !== key) {
      const { createTwilioClient } = await import("../../src/twilio/client");
      cached = { key, client: createTwilioClient(resolved) };
    }
    return cached.client;
  };

  return {
    async send(message: OutboundMessage) {
      const client = await clientFor();
      const created = await client.messages.create({ from: message.from, to: message.to,
        body: message.body, statusCallback: message.statusCallback });
      return { sid: created.sid };
    },
  };
}
