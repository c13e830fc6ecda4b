import { createHash } from "node:crypto";

import type { IdempotencyRecord } from "@aws-lambda-powertools/idempotency/persistence";
import { describe, expect, it } from "vitest";

import { InMemoryPersistenceLayer, powertoolsOncePerMessage } from "../../handlers/core/idempotency";
import type { PersistenceFactory } from "../../handlers/core/idempotency";
import { createInboundHandler } from "../../handlers/core/inbound-handler";
import type { InboundMessage } from "../../handlers/core/inbound-message";
import { InMemoryOptOutStore } from "../../handlers/core/opt-outs";
import { InMemoryRouteStore } from "../../handlers/core/routes";
import { webhookUrls } from "../../handlers/core/urls";
import { BRIGHTSMILE, captureLogs, EMPTY_TWIML, formBody, inboundParams, PRIMARY_TOKEN,
  sign } from "./helpers";

/** An idempotency store that is down (DynamoDB throttling or an outage). */
class UnavailableLayer extends InMemoryPersistenceLayer {
  protected override async _putRecord(_record: IdempotencyRecord): Promise<void> {
    throw new Error("ProvisionedThroughputExceededException");
  }
}

function handler(persistence: PersistenceFactory, enqueue: (m: InboundMessage) => Promise<void>) {
  const logs = captureLogs();
  const urls = webhookUrls("https://hooks.example.test");
  const handle = createInboundHandler({ urls, authTokens: async () => [PRIMARY_TOKEN],
    routes: new InMemoryRouteStore([BRIGHTSMILE]), optOuts: new InMemoryOptOutStore(),
    queue: { enqueue }, once: powertoolsOncePerMessage(persistence), logger: logs.logger });
  const post = (params: Record<string, string>) => handle({ method: "POST", rawQuery: "",
    headers: { "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": sign(urls.smsUrl, params) },
    body: formBody(params), isBase64Encoded: false }, "inbound");
  return { post, logs };
}

describe("inbound handler", () => {
  it("still queues the message when the idempotency store is down", async () => {
    const queued: InboundMessage[] = [];
    const { post, logs } = handler(() => new UnavailableLayer(),
      async (message) => void queued.push(message));

    const answer = await post(inboundParams());

    expect(answer).toMatchObject({ statusCode: 200, body: EMPTY_TWIML });
    expect(queued).toHaveLength(1);
    expect(logs.records()).toContainEqual(expect.objectContaining({ level: "WARN",
      message: "idempotency store unavailable; queued without the duplicate check" }));
  });

  it("answers 500 when the queue refuses the message, so Twilio tries the fallback URL",
    async () => {
      const records = new Map<string, IdempotencyRecord>();
      let queueUp = false;
      const { post } = handler(() => new InMemoryPersistenceLayer(records), async () => {
        if (!queueUp) throw new Error("SQS unavailable");
      });
      const params = inboundParams();

      const first = await post(params);
      queueUp = true;
      const fallback = await post(params);

      expect(first.statusCode).toBe(500);
      // The failed attempt left no MessageSid record, so the redelivery is queued.
      expect(fallback.statusCode).toBe(200);
      expect(records.size).toBe(1);
    });

  it("keys its MessageSid record as earlier releases did, so stored records keep counting",
    async () => {
      const records = new Map<string, IdempotencyRecord>();
      const { post } = handler(() => new InMemoryPersistenceLayer(records), async () => undefined);
      const params = inboundParams();

      await post(params);

      // Powertools' key: the operation, then the MD5 of the JSON of the MessageSid, base64.
      const digest = createHash("md5").update(JSON.stringify(params.MessageSid)).digest("base64");
      expect([...records.keys()]).toEqual([`accept#${digest}`]);
    });

  it("answers 400 to a signed request that is not an inbound SMS", async () => {
    const { post } = handler(() => new InMemoryPersistenceLayer(), async () => undefined);

    const answer = await post({ AccountSid: "AC00000000000000000000000000000001" });

    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain("MessageSid, From, To");
  });
});
