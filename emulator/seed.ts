import { z } from "zod";

import type { EmulatorContext } from "./context";
import { nowIso } from "./dates";
import { generateInventory, inventoryFromList } from "./inventory";
import { COUNTRIES, isE164 } from "./phone-numbers";
import { newPhoneNumberRecord } from "./resources/incoming-phone-numbers";
import { describeZodError } from "./schema-errors";
import { FRIENDLY_NAME_MAX } from "./resources/phone-number-settings";
import { isSid, newSid } from "./sids";
import type { PhoneNumberRecord, ServiceRecord } from "./store";

const e164 = z.string().refine(isE164, "expected an E.164 phone number like +18335550100");
const url = z.url({ protocol: /^https?$/, error: "expected an http or https URL" });
/** A number's URL setting: "" clears it, as it does on Twilio. */
const urlSetting = z.union([z.literal(""), url]);
const method = z.enum(["GET", "POST"]);
const sid = (prefix: "AP" | "MG" | "SK") =>
  z.string().refine((value) => isSid(value, prefix), `expected ${prefix} and 32 hex digits`);

const ownedSchema = z.strictObject({
  phoneNumber: e164,
  isoCountry: z.enum(COUNTRIES).optional(),
  friendlyName: z.string().max(FRIENDLY_NAME_MAX).optional(),
  smsUrl: urlSetting.optional(),
  smsMethod: method.optional(),
  smsFallbackUrl: urlSetting.optional(),
  smsFallbackMethod: method.optional(),
  smsApplicationSid: sid("AP").optional(),
  /** Puts the number in this Messaging Service's sender pool (made if it does not exist). */
  messagingServiceSid: sid("MG").optional(),
});

const serviceSchema = z.strictObject({
  sid: sid("MG").optional(),
  friendlyName: z.string().optional(),
  inboundRequestUrl: url.optional(),
  inboundMethod: method.optional(),
  fallbackUrl: url.optional(),
  useInboundWebhookOnNumber: z.boolean().optional(),
});

const applicationSchema = z.strictObject({
  sid: sid("AP").optional(),
  friendlyName: z.string().optional(),
  smsUrl: url,
  smsMethod: method.optional(),
  smsFallbackUrl: url.optional(),
});

/** What `POST /_emulator/seed`, `--seed FILE` and `EmulatorOptions.seed` accept. */
export const seedSchema = z.strictObject({
  /** Replaces the numbers for sale: a list, or a generated inventory of `count` numbers. */
  inventory: z
    .union([
      z.array(
        z.union([e164, z.strictObject({ phoneNumber: e164, isoCountry: z.enum(COUNTRIES) })]),
      ),
      z.strictObject({
        count: z.number().int().min(0).max(100_000).optional(),
        seed: z.number().int().optional(),
      }),
    ])
    .optional(),
  /** Numbers the account already owns (for `existing` integrations); kept by phone number. */
  owned: z.array(ownedSchema).optional(),
  services: z.array(serviceSchema).optional(),
  applications: z.array(applicationSchema).optional(),
  /** API keys accepted for Basic auth besides the account SID and auth token. */
  apiKeys: z.array(z.strictObject({ sid: sid("SK"), secret: z.string().min(1) })).optional(),
});

export type EmulatorSeed = z.input<typeof seedSchema>;
type ParsedSeed = z.output<typeof seedSchema>;

/** Checks a seed, throwing one line per problem, each prefixed with `source` and its path. */
export function checkSeed(value: unknown, source = "seed"): ParsedSeed {
  const result = seedSchema.safeParse(value);
  if (!result.success) throw new Error(describeZodError(result.error, source));
  return result.data;
}

/** What a seed made, so a test can use the SIDs. */
export interface SeedResult {
  inventory: number;
  owned: Array<{ sid: string; phoneNumber: string }>;
  services: Array<{ sid: string; friendlyName: string }>;
  applications: Array<{ sid: string; smsUrl: string }>;
}

/** Applies a validated seed to the state. */
export function applySeed(ctx: EmulatorContext, seed: ParsedSeed): SeedResult {
  const { store } = ctx;
  if (seed.inventory !== undefined) {
    store.setInventory(
      Array.isArray(seed.inventory)
        ? inventoryFromList(seed.inventory)
        : generateInventory(seed.inventory),
    );
  }
  const services = (seed.services ?? []).map((service) => upsertService(ctx, service));
  const applications = (seed.applications ?? []).map((app) => {
    const record = {
      sid: app.sid ?? newSid("AP"), friendlyName: app.friendlyName ?? "", smsUrl: app.smsUrl,
      smsMethod: app.smsMethod ?? "POST", smsFallbackUrl: app.smsFallbackUrl ?? "",
      smsFallbackMethod: "POST" as const,
    };
    store.applications.set(record.sid, record);
    return { sid: record.sid, smsUrl: record.smsUrl };
  });
  for (const key of seed.apiKeys ?? []) store.apiKeys.set(key.sid, key);
  const owned = (seed.owned ?? []).map((entry) => upsertOwned(ctx, entry));
  return { inventory: store.inventory.size, owned, services, applications };
}

function upsertService(ctx: EmulatorContext, seed: z.output<typeof serviceSchema>) {
  const sidValue = seed.sid ?? newSid("MG");
  const existing = ctx.store.services.get(sidValue);
  const now = nowIso();
  const record: ServiceRecord = {
    seq: existing?.seq ?? ctx.store.nextSeq(),
    sid: sidValue,
    friendlyName: seed.friendlyName ?? existing?.friendlyName ?? `Messaging Service ${sidValue}`,
    inboundRequestUrl: seed.inboundRequestUrl ?? existing?.inboundRequestUrl ?? null,
    inboundMethod: seed.inboundMethod ?? existing?.inboundMethod ?? "POST",
    fallbackUrl: seed.fallbackUrl ?? existing?.fallbackUrl ?? null,
    fallbackMethod: "POST",
    statusCallback: null,
    useInboundWebhookOnNumber:
      seed.useInboundWebhookOnNumber ?? existing?.useInboundWebhookOnNumber ?? false,
    dateCreated: existing?.dateCreated ?? now,
    dateUpdated: now,
  };
  ctx.store.services.set(record.sid, record);
  return { sid: record.sid, friendlyName: record.friendlyName };
}

function upsertOwned(ctx: EmulatorContext, entry: z.output<typeof ownedSchema>) {
  const existing = ctx.store.phoneNumberByE164(entry.phoneNumber);
  const available = ctx.store.inventory.get(entry.phoneNumber);
  const record: PhoneNumberRecord = existing ?? newPhoneNumberRecord(ctx, {
    ...(available ?? inventoryFromList([entry.phoneNumber])[0]),
    ...(entry.isoCountry ? { isoCountry: entry.isoCountry } : {}),
  });
  const { friendlyName, smsUrl, smsMethod, smsFallbackUrl, smsFallbackMethod } = entry;
  const { smsApplicationSid, messagingServiceSid } = entry;
  const settings = {
    friendlyName, smsUrl, smsMethod, smsFallbackUrl, smsFallbackMethod, smsApplicationSid,
    messagingServiceSid,
  };
  for (const [key, value] of Object.entries(settings)) {
    if (value !== undefined) Object.assign(record, { [key]: value });
  }
  record.dateUpdated = nowIso();
  if (entry.messagingServiceSid && !ctx.store.services.has(entry.messagingServiceSid)) {
    upsertService(ctx, { sid: entry.messagingServiceSid });
  }
  ctx.store.addPhoneNumber(record);
  return { sid: record.sid, phoneNumber: record.phoneNumber };
}
