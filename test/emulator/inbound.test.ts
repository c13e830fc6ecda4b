import twilio from "twilio";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { ConversationEntry, InboundResult } from "../../emulator";
import type { TestEmulator } from "./support/test-emulator";
import { startTestEmulator } from "./support/test-emulator";
import type { WebhookServer } from "./support/webhook-server";
import { startWebhookServer } from "./support/webhook-server";

const NUMBER = "+18335550100";
const PATIENT = "+12175550134";
const TIMEOUT_MS = 300;

let t: TestEmulator;
let hooks: WebhookServer;
let smsUrl: string;

beforeAll(async () => {
  // A short webhook timeout stands in for Twilio's 15 s so the fallback path runs quickly.
  t = await startTestEmulator({ webhookTimeoutMs: TIMEOUT_MS, allowUnverifiedSending: true });
  hooks = await startWebhookServer();
  smsUrl = `${hooks.origin}/sms/brightsmile-dental?stack=dev`;
});
afterAll(async () => {
  await t.close();
  await hooks.close();
});
beforeEach(async () => {
  await t.hook("POST", "reset");
  hooks.received.length = 0;
  hooks.answer("/sms/brightsmile-dental", {});
  hooks.answer("/fallback", {});
  await seed({ smsUrl, smsFallbackUrl: `${hooks.origin}/fallback` });
});
afterEach(() => {
  expect(t.violations.splice(0)).toEqual([]);
});

function seed(settings: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return t.hook("POST", "seed", { owned: [{ phoneNumber: NUMBER, ...settings }], ...extra });
}

const text = (body: string, extra: Record<string, unknown> = {}) =>
  t.hook<InboundResult>("POST", "inbound", { to: NUMBER, from: PATIENT, body, ...extra });

describe("delivering an inbound SMS", () => {
  it("POSTs a form signed over the exact SmsUrl, port and query included", async () => {
    const result = await text("Can I move my cleaning to Friday?");
    const [request] = hooks.received;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/sms/brightsmile-dental?stack=dev");
    expect(request.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const signature = request.headers["x-twilio-signature"] as string;
    const { authToken } = t.emulator;
    expect(twilio.validateRequest(authToken, signature, smsUrl, request.params)).toBe(true);
    expect(twilio.validateRequest("wrong-token", signature, smsUrl, request.params)).toBe(false);
    expect(result).toMatchObject({ status: 200, url: smsUrl, fallbackUsed: false, twiml: "<Response/>" });
  });

  it("sends Twilio's parameters", async () => {
    const result = await text("Hi");
    expect(hooks.received[0].params).toMatchObject({
      MessageSid: result.messageSid, SmsSid: result.messageSid, SmsMessageSid: result.messageSid,
      AccountSid: t.emulator.accountSid, From: PATIENT, To: NUMBER, Body: "Hi", NumMedia: "0",
      NumSegments: "1", SmsStatus: "received", ApiVersion: "2010-04-01", ToCountry: "US",
      FromCountry: "US",
    });
    expect(hooks.received[0].params).not.toHaveProperty("OptOutType");
    expect(result.messageSid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it("sends media URLs and their count", async () => {
    await text("See photo", { mediaUrls: ["https://media.example.test/1.jpg"] });
    expect(hooks.received[0].params).toMatchObject({
      NumMedia: "1", MediaUrl0: "https://media.example.test/1.jpg",
    });
  });

  it.each([
    ["STOP", "STOP"], [" stop ", "STOP"], ["Unsubscribe", "STOP"], ["QUIT", "STOP"],
    ["START", "START"], ["unstop", "START"], ["HELP", "HELP"], ["info", "HELP"],
    ["Stop please", undefined], ["yes", undefined], ["Stop.", undefined],
  ])("marks '%s' with OptOutType %s and still delivers it", async (body, type) => {
    const result = await text(body);
    expect(hooks.received[0].params.OptOutType).toBe(type);
    expect(hooks.received[0].params.Body).toBe(body);
    expect(result.optOutType).toBe(type ?? null);
  });

  it("uses GET with the parameters in the query when SmsMethod is GET", async () => {
    await seed({ smsMethod: "GET" });
    await text("Hi");
    const [request] = hooks.received;
    expect(request.method).toBe("GET");
    const url = `${hooks.origin}${request.path}`;
    const signature = request.headers["x-twilio-signature"] as string;
    expect(twilio.validateRequest(t.emulator.authToken, signature, url, {})).toBe(true);
    expect(request.params).toMatchObject({ Body: "Hi", stack: "dev" });
  });

  it("records the inbound message and its TwiML answer in the conversation log", async () => {
    hooks.answer("/sms/brightsmile-dental", {
      body: "<Response><Message>We&apos;re open 8am-6pm. Reply STOP to opt out.</Message></Response>",
    });
    const result = await text("When are you open?");
    expect(result.replies).toMatchObject([
      { to: PATIENT, body: "We're open 8am-6pm. Reply STOP to opt out.", status: "queued" },
    ]);
    const { messages } = await t.hook<{ messages: ConversationEntry[] }>("GET", "messages");
    expect(messages).toMatchObject([
      {
        direction: "inbound", from: PATIENT, to: NUMBER, body: "When are you open?",
        delivery: { status: 200, url: smsUrl, twiml: expect.stringContaining("<Message>") },
      },
      { direction: "outbound-reply", from: NUMBER, to: PATIENT, body: expect.stringMatching(/^We're open/) },
    ]);
  });

  it("shows replies sent through the Messages API in the conversation log", async () => {
    await text("Hi");
    await t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Hello from the agent" });
    const { messages } = await t.hook<{ messages: ConversationEntry[] }>(
      "GET", `messages?number=${encodeURIComponent(NUMBER)}`,
    );
    expect(messages.map((m) => [m.direction, m.body])).toEqual([
      ["inbound", "Hi"], ["outbound-api", "Hello from the agent"],
    ]);
  });
});

describe("when the webhook fails", () => {
  it("calls the SmsFallbackUrl with ErrorCode 11200 after the timeout", async () => {
    hooks.answer("/sms/brightsmile-dental", { delayMs: TIMEOUT_MS * 3 });
    const started = Date.now();
    const result = await text("Hi");
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);
    expect(result).toMatchObject({
      fallbackUsed: true, status: 200, url: `${hooks.origin}/fallback`, errorCode: null,
      attempts: [{ url: smsUrl, status: null, errorCode: 11200 }, { status: 200 }],
    });
    const fallback = hooks.received.find((r) => r.path === "/fallback");
    expect(fallback?.params).toMatchObject({ ErrorCode: "11200", ErrorUrl: smsUrl, Body: "Hi" });
    const signature = fallback?.headers["x-twilio-signature"] as string;
    expect(twilio.validateRequest(
      t.emulator.authToken, signature, `${hooks.origin}/fallback`, fallback?.params ?? {},
    )).toBe(true);
  });

  it("calls the fallback after an HTTP 500", async () => {
    hooks.answer("/sms/brightsmile-dental", { status: 500, body: "oops" });
    const result = await text("Hi");
    expect(result).toMatchObject({
      fallbackUsed: true, status: 200, attempts: [{ status: 500 }, {}],
    });
  });

  it("reports 11205 when nothing listens and no fallback is set", async () => {
    await seed({ smsUrl: "http://127.0.0.1:9/sms", smsFallbackUrl: "" });
    hooks.received.length = 0;
    const result = await text("Hi");
    expect(result).toMatchObject({
      status: null, fallbackUsed: false, errorCode: 11205, twiml: null,
    });
  });
});

describe("where the message goes", () => {
  it("goes nowhere when the number has no SmsUrl", async () => {
    await seed({ smsUrl: "", smsFallbackUrl: "" });
    const result = await text("Hi");
    expect(result).toMatchObject({ status: null, url: null, attempts: [] });
    expect(hooks.received).toEqual([]);
  });

  it("goes to the Messaging Service's inbound URL when the service does not defer to the number", async () => {
    const service = "MG0123456789abcdef0123456789abcdef";
    await seed({ messagingServiceSid: service }, {
      services: [{ sid: service, inboundRequestUrl: `${hooks.origin}/service`, useInboundWebhookOnNumber: false }],
    });
    const result = await text("Hi");
    expect(result.url).toBe(`${hooks.origin}/service`);
    expect(hooks.received[0].params.MessagingServiceSid).toBe(service);
  });

  it("goes to the number's SmsUrl when the service defers to the number", async () => {
    const service = "MG0123456789abcdef0123456789abcdef";
    await seed({ messagingServiceSid: service }, {
      services: [{ sid: service, inboundRequestUrl: `${hooks.origin}/service`, useInboundWebhookOnNumber: true }],
    });
    expect((await text("Hi")).url).toBe(smsUrl);
  });

  it("goes to the SMS application's URL when SmsApplicationSid is set", async () => {
    const app = "AP0123456789abcdef0123456789abcdef";
    await seed({ smsApplicationSid: app }, {
      applications: [{ sid: app, smsUrl: `${hooks.origin}/app` }],
    });
    expect((await text("Hi")).url).toBe(`${hooks.origin}/app`);
  });

  it("refuses a message to a number the account does not own", async () => {
    await expect(
      t.hook("POST", "inbound", { to: "+18005550199", from: PATIENT, body: "Hi" }),
    ).rejects.toThrow(/404 .*not a number the account owns/);
  });
});
