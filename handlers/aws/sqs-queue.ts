import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSClient } from "@aws-sdk/client-sqs";

import type { InboundMessage, MessageQueue } from "../core/inbound-message";

/** The inbound queue on SQS; its redrive policy moves a message to the DLQ after N receives. */
export class SqsMessageQueue implements MessageQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(message: InboundMessage): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl,
      MessageBody: JSON.stringify(message),
      MessageAttributes: { messageSid: { DataType: "String", StringValue: message.messageSid } },
    }));
  }
}

/** Reads a queued message back; the error names the SQS message when the body is not one. */
export function inboundMessageFromSqs(body: string, sqsMessageId: string): InboundMessage {
  let value: Partial<InboundMessage>;
  try {
    value = JSON.parse(body) as Partial<InboundMessage>;
  } catch {
    throw new Error(`SQS message ${sqsMessageId} is not JSON`);
  }

  const fields = ["messageSid", "from", "to", "body", "receivedAt"] as const;
  const missing = fields.filter((field) => typeof value[field] !== "string");
  if (missing.length > 0) {
    throw new Error(`SQS message ${sqsMessageId} lacks ${missing.join(", ")}`);
  }
  return { accountSid: "", mediaUrls: [], ...value } as InboundMessage;
}
