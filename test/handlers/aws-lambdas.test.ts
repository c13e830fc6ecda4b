import type { APIGatewayProxyEventV2, Context, SQSEvent, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";

import { handler as inboundEntryPoint } from "../../handlers/aws/inbound";
import { createStatusLambda } from "../../handlers/aws/status";
import { createWorkerLambda } from "../../handlers/aws/worker";
import { inMemoryPersistence, powertoolsOncePerMessage } from "../../handlers/core/idempotency";
import type { InboundMessage } from "../../handlers/core/inbound-message";
import { InMemoryOptOutStore } from "../../handlers/core/opt-outs";
import { InMemoryRouteStore } from "../../handlers/core/routes";
import { createStatusHandler } from "../../handlers/core/status-handler";
import { webhookUrls } from "../../handlers/core/urls";
import { createWorker } from "../../handlers/core/worker";
import { BRIGHTSMILE, captureLogs, fakeSender, formBody, messageSid, PATIENT, PRIMARY_TOKEN,
  sign } from "./helpers";

const CONTEXT = { awsRequestId: "req-1", functionName: "sms-worker",
  getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

function sqsRecord(id: string, body: string, receives = 1): SQSRecord {
  return { messageId: id, receiptHandle: `rh-${id}`, body, md5OfBody: "",
    attributes: { ApproximateReceiveCount: String(receives) }, messageAttributes: {},
    eventSource: "aws:sqs", eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:inbound",
    awsRegion: "us-east-1" } as unknown as SQSRecord;
}

function queued(body: string): InboundMessage {
  return { messageSid: messageSid(), accountSid: "", from: PATIENT, to: BRIGHTSMILE.phoneNumber,
    body, mediaUrls: [], receivedAt: "2026-12-03T15:00:00.000Z" };
}

describe("worker Lambda", () => {
  it("reports only the records that failed, so SQS redelivers or dead-letters just those",
    async () => {
      const logs = captureLogs();
      const outbox = fakeSender();
      const work = createWorker({ urls: webhookUrls("https://hooks.example.test"),
        routes: new InMemoryRouteStore([BRIGHTSMILE]), optOuts: new InMemoryOptOutStore(),
        once: powertoolsOncePerMessage(inMemoryPersistence()), logger: logs.logger,
        sender: outbox.sender,
        agentRetry: { attempts: 1 },
        agent: { ask: async (request) => {
          if (request.text === "agent breaks") throw new Error("agent answered HTTP 502");
          return { reply: "ok" };
        } } });
      const event: SQSEvent = { Records: [
        sqsRecord("m-1", JSON.stringify(queued("What time do you open?"))),
        sqsRecord("m-2", JSON.stringify(queued("agent breaks")), 2),
        sqsRecord("m-3", "not json"),
      ] };

      const result = await createWorkerLambda(work, logs.logger)(event, CONTEXT);

      expect(result.batchItemFailures).toEqual([{ itemIdentifier: "m-2" },
        { itemIdentifier: "m-3" }]);
      expect(outbox.sent).toHaveLength(1);
      expect(logs.records()).toContainEqual(expect.objectContaining({ level: "ERROR",
        sqsMessageId: "m-2", receives: 2 }));
    });
});

describe("status Lambda", () => {
  it("validates the callback against the canonical status URL and answers 200", async () => {
    const logs = captureLogs();
    const urls = webhookUrls("https://hooks.example.test");
    const handle = createStatusHandler({ urls, authTokens: async () => [PRIMARY_TOKEN],
      routes: new InMemoryRouteStore([BRIGHTSMILE]), optOuts: new InMemoryOptOutStore(),
      logger: logs.logger });
    const params = { MessageSid: messageSid(), MessageStatus: "delivered",
      From: BRIGHTSMILE.phoneNumber, To: PATIENT };
    const event = { version: "2.0", rawPath: "/sms/status", rawQueryString: "",
      headers: { "x-twilio-signature": sign(urls.statusCallbackUrl, params) },
      requestContext: { http: { method: "POST" } }, body: formBody(params),
      isBase64Encoded: false } as unknown as APIGatewayProxyEventV2;

    const result = await createStatusLambda(handle, logs.logger)(event, CONTEXT);

    expect(result.statusCode).toBe(200);
  });
});

describe("Lambda entry points", () => {
  it("fail with the missing environment variable named, not a stack trace", async () => {
    const event = { version: "2.0", rawPath: "/sms/inbound", rawQueryString: "", headers: {},
      requestContext: { http: { method: "POST" } } } as unknown as APIGatewayProxyEventV2;

    await expect(inboundEntryPoint(event, CONTEXT)).rejects.toThrow(
      /environment variable \w+ is not set; the AwsWebhook component sets it/);
  });
});
