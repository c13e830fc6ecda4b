import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { snapshot } from "../../src/providers/account-snapshot";
import type { TollFreeNumberInputs, TollFreeNumberOutputs } from "../../src/providers/toll-free-number";
import { provider } from "../../src/providers/toll-free-number";
import { emulatorHook } from "../engine/emulator-hooks";
import type { ProviderHarness } from "./provider-harness";
import { startProviderHarness } from "./provider-harness";

const OWNED = "+18885550142";
/** The old inputs the engine passes to check for a resource it has not created yet. */
const NEW = {} as TollFreeNumberInputs;

function purchase(overrides: Partial<TollFreeNumberInputs> = {}): TollFreeNumberInputs {
  return {
    integration: "brightsmile-dental",
    file: "integrations/brightsmile-dental.yaml",
    friendlyName: "sms-integrations:dev/brightsmile-dental",
    request: { kind: "purchase", country: "US", areaCode: "833" },
    releaseOnDelete: false,
    clearSmsApplication: false,
    ...overrides,
  };
}

/** Creates through the provider and returns its outputs. */
async function create(inputs: TollFreeNumberInputs): Promise<TollFreeNumberOutputs> {
  return (await provider.create(inputs)).outs as TollFreeNumberOutputs;
}

describe("the toll-free number provider", () => {
  let harness: ProviderHarness;

  beforeAll(async () => {
    harness = await startProviderHarness();
  });

  beforeEach(async () => {
    await emulatorHook(harness.emulator.url, "POST", "reset");
    await emulatorHook(harness.emulator.url, "POST", "seed", { owned: [{ phoneNumber: OWNED }] });
    snapshot.reset();
  });

  afterAll(() => harness.close());

  it("buys a toll-free number in the area code, searching toll-free inventory only", async () => {
    await harness.requests.mark();

    const outs = await create(purchase());

    expect(outs.phoneNumber).toMatch(/^\+1833\d{7}$/);
    const paths = (await harness.requests.since()).map((r) => r.path);
    expect(paths.some((p) => p.endsWith("/AvailablePhoneNumbers/US/TollFree.json"))).toBe(true);
    expect(paths.filter((p) => p.includes("/Local"))).toEqual([]);
  });

  it("adopts the number a killed run bought instead of buying a second one", async () => {
    const first = await provider.create(purchase());
    const second = await provider.create(purchase());

    expect(second.id).toBe(first.id);
    expect(await harness.twilio.incomingPhoneNumbers.list()).toHaveLength(2);
  });

  it("tries the next candidate when Twilio says the first is no longer available", async () => {
    const [first] = await harness.twilio.availablePhoneNumbers("US").tollFree.list({
      areaCode: 833,
      smsEnabled: true,
      limit: 1,
    });
    // Hold the provider's purchase while someone else buys its first candidate (21422).
    await emulatorHook(harness.emulator.url, "POST", "faults", {
      rules: [{ path: "IncomingPhoneNumbers/TollFree", method: "POST", probability: 1,
        latencyMs: 1500, times: 1 }],
    });
    const creating = provider.create(purchase());
    await new Promise((resolve) => setTimeout(resolve, 500));
    await harness.twilio.incomingPhoneNumbers.create({ phoneNumber: first!.phoneNumber });

    const outs = (await creating).outs as TollFreeNumberOutputs;

    expect(outs.phoneNumber).not.toBe(first!.phoneNumber);
    expect(outs.phoneNumber).toMatch(/^\+1833/);
  });

  it("names the field and other area codes when the search finds nothing", async () => {
    const request = { kind: "purchase" as const, country: "US" as const, contains: "QQQQQQQ" };

    await expect(provider.create(purchase({ request }))).rejects.toThrow(
      /spec\.number\.purchase\.contains: .*try another area code \(800, 833, 844/,
    );
  });

  it("adopts a number the account owns and labels it, and refuses one it does not", async () => {
    const existing = purchase({ request: { kind: "existing", phoneNumber: OWNED } });
    expect((await create(existing)).phoneNumber).toBe(OWNED);
    const [labelled] = await harness.twilio.incomingPhoneNumbers.list({ phoneNumber: OWNED });
    expect(labelled?.friendlyName).toBe("sms-integrations:dev/brightsmile-dental");

    const absent = purchase({ request: { kind: "existing", phoneNumber: "+18445550100" } });
    await expect(provider.check!(NEW, absent)).rejects.toThrow(/is not a number of Twilio/);
    await expect(provider.create(absent)).rejects.toThrow(
      new RegExp(`spec\\.number\\.existing: \\+18445550100 is not a number of Twilio account ` +
        `${harness.emulator.accountSid}`),
    );
  });

  it("refuses, already in the preview, a number another stack has bound", async () => {
    await emulatorHook(harness.emulator.url, "POST", "seed", { owned: [{ phoneNumber:
      "+18445550111", friendlyName: "sms-integrations:staging/brightsmile-dental",
      smsUrl: "https://staging.example/sms/inbound" }] });
    const adopt = purchase({ request: { kind: "existing", phoneNumber: "+18445550111" } });

    await expect(provider.check!(NEW, adopt)).rejects.toThrow(
      /belongs to sms-integrations:staging\/brightsmile-dental and is bound to https:\/\/staging/,
    );
  });

  it("refuses, already in the preview, a number whose SMS application takes its messages",
    async () => {
      await emulatorHook(harness.emulator.url, "POST", "seed", { owned: [{ phoneNumber:
        "+18445550112", smsApplicationSid: "AP0123456789abcdef0123456789abcdef" }] });
      const adopt = purchase({ request: { kind: "existing", phoneNumber: "+18445550112" } });

      await expect(provider.check!(NEW, adopt)).rejects.toThrow(/clearSmsApplication: true/);
      await expect(provider.check!(NEW, { ...adopt, clearSmsApplication: true })).resolves
        .toBeDefined();
    });

  it.each([
    { change: { request: { kind: "purchase", country: "CA", areaCode: "833" } },
      says: /purchase\.country: changed from US to CA/ },
    { change: { request: { kind: "existing", phoneNumber: OWNED } },
      says: /changed from purchase to existing/ },
  ])("fails the plan instead of replacing the number: $says", async ({ change, says }) => {
    const outs = await create(purchase());
    const news = purchase(change as Partial<TollFreeNumberInputs>);

    await expect(provider.diff!(outs.sid, outs, news)).rejects.toThrow(
      says,
    );
  });

  it("keeps every output when an update only changes what happens on removal", async () => {
    const outs = await create(purchase());

    const updated = await provider.update!(outs.sid, outs, purchase({ releaseOnDelete: true }));

    expect(updated.outs).toEqual({ ...outs, releaseOnDelete: true });
  });

  it("keeps the number in the account when removed, and releases it only when asked", async () => {
    const kept = await create(purchase());
    await provider.delete!(kept.sid, kept);
    expect((await harness.twilio.incomingPhoneNumbers(kept.sid).fetch()).sid).toBe(kept.sid);

    const released = { ...kept, releaseOnDelete: true };
    await provider.delete!(kept.sid, released);
    await expect(harness.twilio.incomingPhoneNumbers(kept.sid).fetch()).rejects.toMatchObject({
      code: 20404,
    });
  });
});
