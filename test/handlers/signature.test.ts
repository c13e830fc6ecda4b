import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from "aws-lambda";
import twilio from "twilio";
import { describe, expect, it } from "vitest";

import { createInboundLambda } from "../../handlers/aws/inbound";
import { inMemoryPersistence, powertoolsOncePerMessage } from "../../handlers/core/idempotency";
import { createInboundHandler } from "../../handlers/core/inbound-handler";
import type { InboundMessage } from "../../handlers/core/inbound-message";
import { InMemoryOptOutStore } from "../../handlers/core/opt-outs";
import { InMemoryRouteStore } from "../../handlers/core/routes";
import { webhookUrls } from "../../handlers/core/urls";
import { BRIGHTSMILE, captureLogs, EMPTY_TWIML, formBody, inboundParams, PRIMARY_TOKEN,
  SECONDARY_TOKEN, sign } from "./helpers";

const PUBLIC_BASE = "https://hooks.example.test/sms-integrations";
const API_HOST = "abc123.execute-api.us-east-1.amazonaws.com";
const CONTEXT = { awsRequestId: "req-1", functionName: "sms-inbound",
  getRemainingTimeInMillis: () => 5_000 } as unknown as Context;

function lambda(baseUrl = PUBLIC_BASE, authTokens = [PRIMARY_TOKEN]) {
  const queued: InboundMessage[] = [];
  const logs = captureLogs();
  const urls = webhookUrls(baseUrl);
  const handle = createInboundHandler({ urls, authTokens: async () => authTokens,
    routes: new InMemoryRouteStore([BRIGHTSMILE]), optOuts: new InMemoryOptOutStore(),
    queue: { enqueue: async (message) => void queued.push(message) },
    once: powertoolsOncePerMessage(inMemoryPersistence()), logger: logs.logger });
  return { invoke: createInboundLambda(handle, logs.logger), urls, queued, logs };
}

/** An HTTP API event as API Gateway delivers it behind a `prod` stage, body base64-encoded. */
function httpApiEvent(body: string, headers: Record<string, string>, rawQueryString = "") {
  return {
    version: "2.0", routeKey: "POST /sms/inbound", rawPath: "/prod/sms/inbound", rawQueryString,
    headers: { host: API_HOST, "x-forwarded-proto": "http", "x-forwarded-port": "80",
      "content-type": "application/x-www-form-urlencoded", ...headers },
    requestContext: { stage: "prod", domainName: API_HOST,
      http: { method: "POST", path: "/prod/sms/inbound", protocol: "HTTP/1.1" } },
    body: Buffer.from(body, "utf8").toString("base64"), isBase64Encoded: true,
  } as unknown as APIGatewayProxyEventV2;
}

/** The REST API event of field case F10: execute-api host, `/prod` stage, http scheme. */
function restApiEvent(body: string, signature: string): APIGatewayProxyEvent {
  return {
    httpMethod: "POST", path: "/prod/sms/inbound", resource: "/sms/inbound",
    headers: { Host: API_HOST, "X-Forwarded-Proto": "http",
      "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    multiValueQueryStringParameters: null, requestContext: { stage: "prod" },
    body, isBase64Encoded: false,
  } as unknown as APIGatewayProxyEvent;
}

function signedEvent(url: string, params: Record<string, string>, token = PRIMARY_TOKEN) {
  return httpApiEvent(formBody(params), { "x-twilio-signature": sign(url, params, token) });
}

describe("signature validation behind API Gateway (F10)", () => {
  it("accepts a signature over the canonical public URL whatever host, scheme and stage AWS saw",
    async () => {
      const { invoke, urls, queued } = lambda();
      const params = inboundParams();

      const result = await invoke(signedEvent(urls.smsUrl, params), CONTEXT);

      expect(result).toMatchObject({ statusCode: 200, body: EMPTY_TWIML });
      expect(queued.map((message) => message.messageSid)).toEqual([params.MessageSid]);
    });

  it("rejects a signature over the URL rebuilt from the internal host, scheme and stage",
    async () => {
      const { invoke } = lambda();
      const rebuilt = `http://${API_HOST}/prod/sms/inbound`;

      const result = await invoke(signedEvent(rebuilt, inboundParams()), CONTEXT);

      expect(result.statusCode).toBe(403);
    });

  it("accepts the REST API (payload 1.0) form of the same request", async () => {
    const { invoke, urls } = lambda();
    const params = inboundParams();

    const event = restApiEvent(formBody(params), sign(urls.smsUrl, params));
    const result = await invoke(event, CONTEXT);

    expect(result.statusCode).toBe(200);
  });

  it("rejects the request when Body was changed after signing", async () => {
    const { invoke, urls, queued } = lambda();
    const params = inboundParams({ Body: "Confirm my 3pm cleaning" });
    const signature = sign(urls.smsUrl, params);
    const tampered = formBody({ ...params, Body: "Confirm my 4pm cleaning" });

    const result = await invoke(httpApiEvent(tampered, { "x-twilio-signature": signature }),
      CONTEXT);

    expect(result.statusCode).toBe(403);
    expect(queued).toHaveLength(0);
  });

  it("rejects a request without X-Twilio-Signature", async () => {
    const { invoke } = lambda();

    const result = await invoke(httpApiEvent(formBody(inboundParams()), {}), CONTEXT);

    expect(result.statusCode).toBe(403);
  });
});

describe("signature validation with a port in the URL (F11)", () => {
  it.each([
    ["configured with :8443, signed with it", "https://hooks.example.test:8443",
      "https://hooks.example.test:8443/sms/inbound"],
    ["configured with :8443, signed without it", "https://hooks.example.test:8443",
      "https://hooks.example.test/sms/inbound"],
    ["configured without a port, signed with :443", "https://hooks.example.test",
      "https://hooks.example.test:443/sms/inbound"],
  ])("accepts a number %s", async (_case, base, signedOver) => {
    const { invoke } = lambda(base);

    const result = await invoke(signedEvent(signedOver, inboundParams()), CONTEXT);

    expect(result.statusCode).toBe(200);
  });
});

describe("signature validation of the body (F13)", () => {
  const mms = () => inboundParams({
    NumMedia: "1", MediaContentType0: "image/jpeg",
    MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000001/" +
      "Messages/MM00000000000000000000000000000001/Media/ME00000000000000000000000000000001",
    AddOns: '{"status":"successful","message":null,"code":null,"results":{}}',
    ToState: "", Body: "Hi there",
  });

  it("accepts a base64 form body with media, JSON-valued and empty parameters", async () => {
    const { invoke, urls, queued } = lambda();
    const params = mms();

    const result = await invoke(signedEvent(urls.smsUrl, params), CONTEXT);

    expect(result.statusCode).toBe(200);
    expect(queued[0].mediaUrls).toEqual([params.MediaUrl0]);
  });

  it("accepts a form with a repeated key, signed over every value", async () => {
    const { invoke, urls } = lambda();
    const params = inboundParams();
    const body = `${formBody(params)}&Label=urgent&Label=dental`;
    const signature = twilio.getExpectedTwilioSignature(PRIMARY_TOKEN, urls.smsUrl,
      { ...params, Label: ["urgent", "dental"] });

    const result = await invoke(httpApiEvent(body, { "x-twilio-signature": signature }), CONTEXT);

    expect(result.statusCode).toBe(200);
  });

  it("rejects a base64 form body with one byte flipped", async () => {
    const { invoke, urls } = lambda();
    const params = mms();
    const event = signedEvent(urls.smsUrl, params);
    const bytes = Buffer.from(event.body as string, "base64");
    bytes[bytes.indexOf("Hi there") + 1] ^= 0x01;

    const result = await invoke({ ...event, body: bytes.toString("base64") }, CONTEXT);

    expect(result.statusCode).toBe(403);
  });

  it("accepts a JSON body whose bodySHA256 and signature match, and rejects it tampered",
    async () => {
      const { invoke, urls, queued } = lambda();
      const params = inboundParams();
      const json = JSON.stringify({ MessageSid: params.MessageSid, From: params.From,
        To: params.To, Body: params.Body });
      const query = `bodySHA256=${twilio.getExpectedBodyHash(json)}`;
      const signature = twilio.getExpectedTwilioSignature(PRIMARY_TOKEN,
        `${urls.smsUrl}?${query}`, {});
      const headers = { "content-type": "application/json", "x-twilio-signature": signature };

      const valid = await invoke(httpApiEvent(json, headers, query), CONTEXT);
      const tampered = await invoke(httpApiEvent(json.replace("Friday", "Monday"), headers,
        query), CONTEXT);

      expect(valid.statusCode).toBe(200);
      expect(tampered.statusCode).toBe(403);
      expect(queued).toHaveLength(1);
    });

  it("finds bodySHA256 after a '?' inside the query, as twilio-node reads the URL", async () => {
    const { invoke, urls, queued } = lambda();
    const params = inboundParams();
    const json = JSON.stringify({ MessageSid: params.MessageSid, From: params.From,
      To: params.To, Body: params.Body });
    const query = `ref=intake?v2&bodySHA256=${twilio.getExpectedBodyHash(json)}`;
    const signature = twilio.getExpectedTwilioSignature(PRIMARY_TOKEN,
      `${urls.smsUrl}?${query}`, {});
    const headers = { "content-type": "application/json", "x-twilio-signature": signature };

    const result = await invoke(httpApiEvent(json, headers, query), CONTEXT);

    expect(result.statusCode).toBe(200);
    expect(queued).toHaveLength(1);
  });
});

describe("auth tokens (F14)", () => {
  it("answers 500 and logs config_error when no token is configured", async () => {
    const { invoke, urls, logs } = lambda(PUBLIC_BASE, []);

    const result = await invoke(signedEvent(urls.smsUrl, inboundParams()), CONTEXT);

    expect(result.statusCode).toBe(500);
    expect(logs.records()).toContainEqual(expect.objectContaining({ level: "ERROR",
      message: "config_error: auth token missing" }));
  });

  it("accepts the secondary token during a rotation and logs which one matched", async () => {
    const { invoke, urls, logs } = lambda(PUBLIC_BASE, [PRIMARY_TOKEN, SECONDARY_TOKEN]);

    const result = await invoke(signedEvent(urls.smsUrl, inboundParams(), SECONDARY_TOKEN),
      CONTEXT);

    expect(result.statusCode).toBe(200);
    expect(logs.records()).toContainEqual(expect.objectContaining({
      message: "webhook signature valid", validatedWith: "secondary" }));
  });

  it("rejects a signature made with a token that is neither primary nor secondary", async () => {
    const { invoke, urls } = lambda(PUBLIC_BASE, [PRIMARY_TOKEN]);

    const result = await invoke(signedEvent(urls.smsUrl, inboundParams(), SECONDARY_TOKEN),
      CONTEXT);

    expect(result.statusCode).toBe(403);
  });
});
