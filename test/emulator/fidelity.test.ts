import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ApiExchange } from "../../emulator";
import { createTwilioClient } from "../../src/twilio/client";
import { verificationParams } from "./support/fixtures";
import { openApiValidator, specsMissing } from "./support/openapi";
import type { TestEmulator } from "./support/test-emulator";
import { startTestEmulator } from "./support/test-emulator";
import type { WebhookServer } from "./support/webhook-server";
import { startWebhookServer } from "./support/webhook-server";

/** Every Twilio operation the emulator serves, as the specs name them. */
const OPERATIONS = [
  "GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/TollFree.json",
  "GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Local.json",
  "GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json",
  "POST /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json",
  "GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/TollFree.json",
  "POST /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/TollFree.json",
  "GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json",
  "POST /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json",
  "DELETE /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json",
  "GET /2010-04-01/Accounts/{AccountSid}/Messages.json",
  "POST /2010-04-01/Accounts/{AccountSid}/Messages.json",
  "GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json",
  "GET /v1/Tollfree/Verifications",
  "POST /v1/Tollfree/Verifications",
  "GET /v1/Tollfree/Verifications/{Sid}",
  "POST /v1/Tollfree/Verifications/{Sid}",
  "DELETE /v1/Tollfree/Verifications/{Sid}",
  "GET /v1/Services",
  "GET /v1/Services/{Sid}",
  "GET /v1/Services/{ServiceSid}/PhoneNumbers",
];

const LISTS = OPERATIONS.filter(
  (op) => op.startsWith("GET") && !op.includes("{Sid}") && !op.includes("AvailablePhoneNumbers"),
);

const skipReason = specsMissing();
if (skipReason) console.warn(`OpenAPI fidelity tests skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(
  `fidelity to Twilio's OpenAPI specs${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    let t: TestEmulator;
    let hooks: WebhookServer;

    beforeAll(async () => {
      t = await startTestEmulator({ allowUnverifiedSending: true });
      hooks = await startWebhookServer();
      await exerciseEverything(t, hooks);
    });
    afterAll(async () => {
      await t?.close();
      await hooks?.close();
    });

    it("answers every request of the SDK session with a body its spec schema accepts", () => {
      expect(t.exchanges.length).toBeGreaterThan(OPERATIONS.length);
      expect(t.violations).toEqual([]);
    });

    it("served every operation successfully through twilio-node", () => {
      const served = new Set(succeeded(t.exchanges).map(operation));
      expect(OPERATIONS.filter((op) => !served.has(op))).toEqual([]);
    });

    it("followed a next page on every list", () => {
      const paged = new Set(
        succeeded(t.exchanges).filter((x) => x.query.PageToken !== undefined).map(operation),
      );
      expect(LISTS.filter((op) => !paged.has(op))).toEqual([]);
    });

    it("produced Twilio error bodies for client and server errors", () => {
      const statuses = new Set(t.exchanges.map((x) => x.status).filter((s) => s >= 400));
      expect([...statuses].sort()).toEqual([400, 401, 404, 409, 422, 429, 500, 503]);
    });
  },
);

function succeeded(exchanges: ApiExchange[]): ApiExchange[] {
  return exchanges.filter((x) => x.status < 300);
}

function operation(exchange: ApiExchange): string {
  return openApiValidator().operationOf(exchange) ?? `${exchange.method} ${exchange.path}`;
}

/** One SDK session that touches every endpoint, error and pagination path the emulator has. */
async function exerciseEverything(t: TestEmulator, hooks: WebhookServer): Promise<void> {
  const { client } = t;
  const service = "MG0123456789abcdef0123456789abcdef";
  await t.hook("POST", "seed", {
    services: [{ sid: service, friendlyName: "Legacy" }],
    owned: ["+18885550142", "+18885550143", "+18885550144"].map((phoneNumber) => ({
      phoneNumber, messagingServiceSid: service,
    })),
  });

  const tollFree = await client.availablePhoneNumbers("US").tollFree.list({ areaCode: 833, limit: 4 });
  await client.availablePhoneNumbers("CA").local.list({ limit: 2 });
  const bought = [];
  for (const [i, candidate] of tollFree.entries()) {
    const params = { phoneNumber: candidate.phoneNumber, friendlyName: `integration-${i}`, smsUrl: `${hooks.origin}/sms` };
    bought.push(i % 2 ? await client.incomingPhoneNumbers.tollFree.create(params)
      : await client.incomingPhoneNumbers.create(params));
  }
  await client.incomingPhoneNumbers.list({ pageSize: 2 });
  await client.incomingPhoneNumbers.tollFree.list({ pageSize: 2 });
  await client.incomingPhoneNumbers(bought[0].sid).fetch();
  await client.incomingPhoneNumbers(bought[0].sid).update({ smsFallbackUrl: `${hooks.origin}/fallback` });

  const verifications = [];
  for (const number of bought) {
    verifications.push(await client.messaging.v1.tollfreeVerifications.create(
      verificationParams("brightsmile-dental", number.sid),
    ));
  }
  await client.messaging.v1.tollfreeVerifications.list({ pageSize: 2 });
  await t.hook("POST", `verifications/${verifications[0].sid}/review`, {
    status: "TWILIO_REJECTED", rejectionReasons: [30527],
  });
  await client.messaging.v1.tollfreeVerifications(verifications[0].sid).update({
    businessRegistrationNumber: "84-7654321", editReason: "fixed",
  });
  await t.hook("POST", `verifications/${verifications[1].sid}/review`, { status: "TWILIO_APPROVED" });
  await client.messaging.v1.tollfreeVerifications(verifications[1].sid).fetch();
  await client.messaging.v1.tollfreeVerifications(verifications[3].sid).remove();

  for (const body of ["one", "two", "three"]) {
    await client.messages.create({ from: bought[1].phoneNumber, to: "+12175550134", body });
  }
  await t.hook("POST", "inbound", { to: bought[1].phoneNumber, from: "+12175550134", body: "STOP" });
  const [latest] = await client.messages.list({ pageSize: 2 });
  await client.messages.list({ pageSize: 2, limit: 10 });
  await client.messages(latest.sid).fetch();

  await client.messaging.v1.services.list({ pageSize: 1 });
  await t.hook("POST", "seed", { services: [{ friendlyName: "Second" }] });
  await client.messaging.v1.services.list({ pageSize: 1 });
  await client.messaging.v1.services(service).fetch();
  await client.messaging.v1.services(service).phoneNumbers.list({ pageSize: 2 });

  await client.incomingPhoneNumbers(bought[3].sid).remove();
  await expectFailure(client.incomingPhoneNumbers(bought[3].sid).fetch());
  await expectFailure(client.incomingPhoneNumbers.create({ phoneNumber: bought[0].phoneNumber }));
  await expectFailure(client.messaging.v1.tollfreeVerifications.create(
    verificationParams("brightsmile-dental", bought[0].sid),
  ));
  await expectFailure(client.messaging.v1.tollfreeVerifications.create(
    verificationParams("brightsmile-dental", `PN${"0".repeat(32)}`),
  ));
  await expectFailure(client.messages.create({ from: bought[1].phoneNumber, to: "+12175550134", body: "x" }));
  await expectFailure(createTwilioClient({
    accountSid: t.emulator.accountSid, authToken: "wrong", baseUrl: t.emulator.url,
  }).incomingPhoneNumbers.list());

  await t.hook("POST", "faults", {
    rules: [429, 500, 503].map((status) => ({ path: "/v1/", probability: 1, status, times: 1 })),
  });
  await client.messaging.v1.tollfreeVerifications.list();
  await t.hook("DELETE", "faults");
}

async function expectFailure(call: Promise<unknown>): Promise<void> {
  await expect(call).rejects.toMatchObject({
    status: expect.any(Number), code: expect.any(Number),
  });
}
