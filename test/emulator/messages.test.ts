import twilio from "twilio";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { ConversationEntry } from "../../emulator";
import { verificationParams } from "./support/fixtures";
import type { TestEmulator } from "./support/test-emulator";
import { startTestEmulator } from "./support/test-emulator";
import { eventually } from "./support/wait";
import type { WebhookServer } from "./support/webhook-server";
import { startWebhookServer } from "./support/webhook-server";

const NUMBER = "+18335550100";
const PATIENT = "+12175550134";

let t: TestEmulator;
let hooks: WebhookServer;
let numberSid: string;

beforeAll(async () => {
  t = await startTestEmulator();
  hooks = await startWebhookServer();
});
afterAll(async () => {
  await t.close();
  await hooks.close();
});
beforeEach(async () => {
  await t.hook("POST", "reset");
  hooks.received.length = 0;
  const seeded = await t.hook<{ owned: Array<{ sid: string }> }>("POST", "seed", {
    owned: [{ phoneNumber: NUMBER, smsUrl: `${hooks.origin}/sms` }],
  });
  numberSid = seeded.owned[0].sid;
});
afterEach(() => {
  expect(t.violations.splice(0)).toEqual([]);
});

async function approveNumber(): Promise<void> {
  const created = await t.client.messaging.v1.tollfreeVerifications.create(
    verificationParams("brightsmile-dental", numberSid),
  );
  await t.hook("POST", `verifications/${created.sid}/review`, { status: "TWILIO_APPROVED" });
}

const finalStatus = (sid: string) =>
  eventually(
    () => t.client.messages(sid).fetch(),
    (message) => !["queued", "accepted", "sending", "sent"].includes(message.status),
  );

describe("sending from a toll-free number", () => {
  it("accepts the message, then fails it with 30032 while the number is unverified", async () => {
    const sent = await t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Hello" });
    expect(sent).toMatchObject({ status: "queued", errorCode: null, direction: "outbound-api" });
    expect(await finalStatus(sent.sid)).toMatchObject({ status: "undelivered", errorCode: 30032 });
  });

  it("keeps failing with 30032 while the verification is only in review", async () => {
    const created = await t.client.messaging.v1.tollfreeVerifications.create(
      verificationParams("brightsmile-dental", numberSid),
    );
    await t.hook("POST", `verifications/${created.sid}/review`, { status: "IN_REVIEW" });
    const sent = await t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Hello" });
    expect((await finalStatus(sent.sid)).errorCode).toBe(30032);
  });

  it("delivers once the verification is TWILIO_APPROVED", async () => {
    await approveNumber();
    const sent = await t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Hello" });
    expect(await finalStatus(sent.sid)).toMatchObject({ status: "delivered", errorCode: null });
  });

  it("tells the StatusCallback about the 30032 failure with a signed request", async () => {
    const callback = `${hooks.origin}/status?integration=brightsmile-dental`;
    const sent = await t.client.messages.create({
      from: NUMBER, to: PATIENT, body: "Hello", statusCallback: callback,
    });
    const [request] = await hooks.waitFor(1);
    expect(request.params).toMatchObject({
      MessageSid: sent.sid, MessageStatus: "undelivered", ErrorCode: "30032",
      AccountSid: t.emulator.accountSid, From: NUMBER, To: PATIENT,
    });
    const signature = request.headers["x-twilio-signature"] as string;
    const { authToken } = t.emulator;
    expect(twilio.validateRequest(authToken, signature, callback, request.params)).toBe(true);
  });

  it("counts GSM-7 and UCS-2 segments the way carriers do", async () => {
    await approveNumber();
    const cases: Array<[string, string]> = [
      ["a".repeat(160), "1"], ["a".repeat(161), "2"], ["é".repeat(70), "1"], ["😀".repeat(36), "2"],
    ];
    for (const [body, segments] of cases) {
      const sent = await t.client.messages.create({ from: NUMBER, to: PATIENT, body });
      expect(sent.numSegments).toBe(segments);
    }
  });

  it.each([
    ["no To", { from: NUMBER, body: "Hi" }, 21604],
    ["an invalid To", { from: NUMBER, to: "555-0134", body: "Hi" }, 21211],
    ["no body", { from: NUMBER, to: PATIENT }, 21602],
    ["a From the account does not own", { from: "+18005550199", to: PATIENT, body: "Hi" }, 21606],
    ["a body over 1600 characters", { from: NUMBER, to: PATIENT, body: "a".repeat(1601) }, 21617],
  ])("refuses a message with %s", async (_case, form, code) => {
    const answer = await t.api(
      "POST", `/2010-04-01/Accounts/${t.emulator.accountSid}/Messages.json`,
      Object.fromEntries(
        Object.entries(form).map(([key, value]) => [key[0].toUpperCase() + key.slice(1), value]),
      ),
    );
    expect(answer).toMatchObject({ status: 400, body: { code } });
  });
});

describe("opt-out", () => {
  const inbound = (body: string) =>
    t.hook("POST", "inbound", { to: NUMBER, from: PATIENT, body });

  it("refuses with 21610 after the recipient texted STOP, and sends again after START", async () => {
    await approveNumber();
    await inbound("STOP");
    await expect(
      t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Reminder" }),
    ).rejects.toMatchObject({ status: 400, code: 21610 });
    await inbound("start");
    const sent = await t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Reminder" });
    expect(sent.status).toBe("queued");
  });

  it("keeps the opt-out per number: another number may still text the recipient", async () => {
    await t.hook("POST", "seed", { owned: [{ phoneNumber: "+18445550101" }] });
    await inbound("STOP");
    const sent = await t.client.messages.create({ from: "+18445550101", to: PATIENT, body: "Hi" });
    expect(sent.status).toBe("queued");
  });

  it.each(["YES", "Stop please", "stop."])("does not treat '%s' as a toll-free keyword", async (body) => {
    await approveNumber();
    await inbound("STOP");
    await inbound(body);
    await expect(
      t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Hi" }),
    ).rejects.toMatchObject({ code: 21610 });
  });

  it("logs the network's own STOP reply in the conversation, not as a Message", async () => {
    await inbound("STOP");
    const { messages } = await t.hook<{ messages: ConversationEntry[] }>("GET", "messages");
    expect(messages.map((m) => [m.direction, m.body.slice(0, 12)])).toEqual([
      ["inbound", "STOP"], ["network", "NETWORK MSG:"],
    ]);
    const listed = await t.client.messages.list();
    expect(listed.map((m) => m.direction)).toEqual(["inbound"]);
  });
});

describe("listing messages", () => {
  it("lists newest first across pages and filters by To and From", async () => {
    await approveNumber();
    for (const body of ["one", "two", "three"]) {
      await t.client.messages.create({ from: NUMBER, to: PATIENT, body });
    }
    await t.client.messages.create({ from: NUMBER, to: "+14145550177", body: "other" });
    const all = await t.client.messages.list({ pageSize: 2 });
    expect(all.map((m) => m.body)).toEqual(["other", "three", "two", "one"]);
    const toPatient = await t.client.messages.list({ to: PATIENT, from: NUMBER });
    expect(toPatient.map((m) => m.body)).toEqual(["three", "two", "one"]);
    const today = await t.client.messages.list({ dateSent: new Date() });
    expect(today).toHaveLength(4);
  });

  it("fetches a message by SID, and answers 20404 for an unknown one", async () => {
    const sent = await t.client.messages.create({ from: NUMBER, to: PATIENT, body: "Hi" });
    expect((await t.client.messages(sent.sid).fetch()).body).toBe("Hi");
    await expect(t.client.messages(`SM${"0".repeat(32)}`).fetch()).rejects.toMatchObject({
      status: 404, code: 20404,
    });
  });
});
