import type { LocalRuntime } from "../../handlers/local/local-runtime";
import { hook } from "./emulator-session";

/** A sender for the dev stack's test conversations: a 555 number, reserved for fiction. */
export const TEST_SENDER = "+12025550143";

/** One message of the emulator's conversation log, as `GET /_emulator/messages` lists it. */
interface LoggedMessage {
  direction: string;
  from: string;
  to: string;
  body: string;
}

/** The last exchange with an integration's number: what was texted and what came back. */
export interface Conversation {
  inbound: string;
  reply: string | undefined;
}

/**
 * Texts an integration's toll-free number through the emulator, which signs and delivers it to
 * the number's SmsUrl as Twilio would, and waits until the local runtime has handed it to the
 * agent and sent the reply.
 */
export async function converse(
  emulatorUrl: string,
  runtime: LocalRuntime,
  phoneNumber: string,
  integration: string,
): Promise<void> {
  const body = `Hello ${integration}, this is a test from npm start`;
  await hook(emulatorUrl, "POST", "inbound", { to: phoneNumber, from: TEST_SENDER, body });
  await runtime.idle();
}

/** The last test conversation with each number, read from the emulator's message log. */
export async function lastConversations(emulatorUrl: string): Promise<Map<string, Conversation>> {
  const log = (await hook(emulatorUrl, "GET", "messages")) as
    | LoggedMessage[]
    | { messages: LoggedMessage[] };
  const messages = Array.isArray(log) ? log : log.messages;

  const conversations = new Map<string, Conversation>();
  for (const message of messages) {
    if (isInbound(message) && message.from === TEST_SENDER) {
      conversations.set(message.to, { inbound: message.body, reply: undefined });
    } else if (!isInbound(message) && message.to === TEST_SENDER) {
      const open = conversations.get(message.from);
      if (open) open.reply = message.body;
    }
  }
  return conversations;
}

function isInbound(message: LoggedMessage): boolean {
  return message.direction.startsWith("inbound");
}
