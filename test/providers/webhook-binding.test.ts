import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { webhookUrls } from "../../handlers/core/urls";
import { snapshot } from "../../src/providers/account-snapshot";
import type { WebhookBindingInputs, WebhookBindingOutputs } from "../../src/providers/webhook-binding";
import { provider } from "../../src/providers/webhook-binding";
import { emulatorHook } from "../engine/emulator-hooks";
import type { ProviderHarness } from "./provider-harness";
import { startProviderHarness } from "./provider-harness";

const NUMBER = "+18885550142";
const APPLICATION = "AP0123456789abcdef0123456789abcdef";
const SERVICE = "MG0123456789abcdef0123456789abcdef";
const urls = webhookUrls("https://hooks.example.test");

describe("the webhook binding provider", () => {
  let harness: ProviderHarness;
  let inputs: WebhookBindingInputs;

  beforeAll(async () => {
    harness = await startProviderHarness();
  });

  afterAll(() => harness.close());

  async function seed(owned: Record<string, unknown>) {
    await emulatorHook(harness.emulator.url, "POST", "reset");
    await emulatorHook(harness.emulator.url, "POST", "seed", owned);
    snapshot.reset();
    const [number] = await harness.twilio.incomingPhoneNumbers.list({ phoneNumber: NUMBER });
    inputs = {
      integration: "northside-bakery",
      file: "integrations/northside-bakery.yaml",
      numberSid: number!.sid,
      phoneNumber: NUMBER,
      smsUrl: urls.smsUrl,
      smsMethod: "POST",
      smsFallbackUrl: urls.smsFallbackUrl,
      statusCallback: urls.statusCallbackUrl,
      clearSmsApplication: false,
    };
  }

  beforeEach(() => seed({ owned: [{ phoneNumber: NUMBER, smsUrl: "https://old.example/sms" }] }));

  it("points the number at the stack's webhook", async () => {
    await provider.create(inputs);

    const live = await harness.twilio.incomingPhoneNumbers(inputs.numberSid).fetch();
    expect([live.smsUrl, live.smsFallbackUrl]).toEqual([urls.smsUrl, urls.smsFallbackUrl]);
  });

  it("reads a changed SmsUrl back as drift, in the inputs the next diff compares", async () => {
    const { outs } = await provider.create(inputs);
    await harness.twilio.incomingPhoneNumbers(inputs.numberSid).update({
      smsUrl: "http://dev.example.test:3000/sms",
    });
    snapshot.reset();

    const read = await provider.read!(inputs.numberSid, outs as WebhookBindingOutputs);

    expect(read.inputs?.smsUrl).toBe("http://dev.example.test:3000/sms");
    const diff = await provider.diff!(inputs.numberSid, read.props!, inputs);
    expect(diff.changes).toBe(true);
  });

  it("refuses a number whose SMS application would receive its messages instead", async () => {
    await seed({ owned: [{ phoneNumber: NUMBER, smsApplicationSid: APPLICATION }] });

    await expect(provider.create(inputs)).rejects.toThrow(
      new RegExp(`uses SMS application ${APPLICATION}.*clearSmsApplication: true`),
    );

    const { outs } = await provider.create({ ...inputs, clearSmsApplication: true });
    expect(outs?.smsApplicationSid).toBe("");
  });

  it.each([
    { defers: false, outcome: "refuses" },
    { defers: true, outcome: "binds" },
  ])("$outcome a number in a Messaging Service that defers to it: $defers", async ({ defers }) => {
    await seed({
      services: [{ sid: SERVICE, inboundRequestUrl: "https://zapier.example/hook",
        useInboundWebhookOnNumber: defers }],
      owned: [{ phoneNumber: NUMBER, messagingServiceSid: SERVICE }],
    });

    const creating = provider.create(inputs);

    if (defers) await expect(creating).resolves.toMatchObject({ id: inputs.numberSid });
    else await expect(creating).rejects.toThrow(new RegExp(`Messaging Service ${SERVICE}`));
  });

  it("clears the webhook and keeps the number when the binding is removed", async () => {
    const { outs } = await provider.create(inputs);

    await provider.delete!(inputs.numberSid, outs as WebhookBindingOutputs);

    const live = await harness.twilio.incomingPhoneNumbers(inputs.numberSid).fetch();
    expect([live.phoneNumber, live.smsUrl]).toEqual([NUMBER, ""]);
  });
});
