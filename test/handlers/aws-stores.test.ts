import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";

import { DynamoDbOptOutStore, DynamoDbRouteStore } from "../../handlers/aws/dynamodb-stores";
import { inboundMessageFromSqs, SqsMessageQueue } from "../../handlers/aws/sqs-queue";
import type { InboundMessage } from "../../handlers/core/inbound-message";
import { BRIGHTSMILE, PATIENT } from "./helpers";

/** Records the commands sent and answers them from `answer`. */
function fakeClient<T>(answer: (command: { input: unknown }) => unknown = () => ({})) {
  const sent: { input: unknown }[] = [];
  const client = { send: async (command: { input: unknown }) => {
    sent.push(command);
    return answer(command);
  } } as unknown as T;
  return { client, sent };
}

describe("DynamoDB route store", () => {
  it("gets the route by its phoneNumber key", async () => {
    const { client, sent } = fakeClient<DynamoDBDocumentClient>(() => ({ Item: BRIGHTSMILE }));

    const route = await new DynamoDbRouteStore(client, "routes-tbl").get(BRIGHTSMILE.phoneNumber);

    expect(route).toEqual(BRIGHTSMILE);
    expect(sent[0]).toBeInstanceOf(GetCommand);
    expect(sent[0].input).toEqual({ TableName: "routes-tbl",
      Key: { phoneNumber: BRIGHTSMILE.phoneNumber } });
  });

  it("answers undefined for a number without an item, and names a broken item", async () => {
    const missing = fakeClient<DynamoDBDocumentClient>(() => ({}));
    const broken = fakeClient<DynamoDBDocumentClient>(() => ({
      Item: { ...BRIGHTSMILE, agentId: 7 } }));

    expect(await new DynamoDbRouteStore(missing.client, "t").get("+18445550199")).toBeUndefined();
    await expect(new DynamoDbRouteStore(broken.client, "t").get(BRIGHTSMILE.phoneNumber))
      .rejects.toThrow(/routes table t, item \+18335550100: .*agentId/);
  });
});

describe("DynamoDB opt-out store", () => {
  it("keys opt-outs by toll-free number and sender", async () => {
    const { client, sent } = fakeClient<DynamoDBDocumentClient>((command) =>
      (command instanceof GetCommand ? { Item: { id: "x" } } : {}));
    const store = new DynamoDbOptOutStore(client, "opt-outs-tbl");

    await store.optOut(BRIGHTSMILE.phoneNumber, PATIENT);
    const optedOut = await store.isOptedOut(BRIGHTSMILE.phoneNumber, PATIENT);
    await store.optIn(BRIGHTSMILE.phoneNumber, PATIENT);

    const key = { id: `${BRIGHTSMILE.phoneNumber}#${PATIENT}` };
    expect(optedOut).toBe(true);
    expect(sent.map((command) => command.constructor)).toEqual([PutCommand, GetCommand,
      DeleteCommand]);
    expect(sent[0].input).toMatchObject({ TableName: "opt-outs-tbl", Item: key });
    expect(sent[1].input).toMatchObject({ Key: key, ConsistentRead: true });
    expect(sent[2].input).toMatchObject({ Key: key });
  });
});

describe("SQS message queue", () => {
  it("sends the message as JSON that the worker reads back", async () => {
    const { client, sent } = fakeClient<SQSClient>();
    const message: InboundMessage = { messageSid: "SM0123456789abcdef0123456789abcdef",
      accountSid: "AC00000000000000000000000000000001", from: PATIENT,
      to: BRIGHTSMILE.phoneNumber, body: "Hi", mediaUrls: [],
      receivedAt: "2026-12-03T15:00:00.000Z" };

    await new SqsMessageQueue(client, "https://sqs.example/q").enqueue(message);

    expect(sent[0]).toBeInstanceOf(SendMessageCommand);
    const input = sent[0].input as { QueueUrl: string; MessageBody: string };
    expect(input.QueueUrl).toBe("https://sqs.example/q");
    expect(inboundMessageFromSqs(input.MessageBody, "m-1")).toEqual(message);
  });

  it("names the SQS message whose body is not a queued SMS", () => {
    expect(() => inboundMessageFromSqs(JSON.stringify({ messageSid: "SM1" }), "m-9"))
      .toThrow("SQS message m-9 lacks from, to, body, receivedAt");
  });
});
