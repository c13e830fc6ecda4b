import type * as pulumi from "@pulumi/pulumi";
import type { Twilio } from "twilio";
import type { IncomingPhoneNumberInstance as Instance } from "twilio/lib/rest/api/v2010/account/incomingPhoneNumber";

import { createTwilioClient } from "../twilio/client";
import { snapshot } from "./account-snapshot";
import { isTwilioError, messageOf } from "./twilio-error";
import { containsUnknown } from "./unknown";

/** The toll-free area codes of the North American Numbering Plan, shared by US and CA. */
export const TOLL_FREE_AREA_CODES = ["800", "833", "844", "855", "866", "877", "888"];

/** How many search results a purchase tries before it gives up on 21422 "not available". */
const PURCHASE_ATTEMPTS = 5;

/** What the integration file asks for: a number to buy, or one the account already owns. */
export type NumberRequest =
  | { kind: "purchase"; country: "US" | "CA"; areaCode?: string; contains?: string }
  | { kind: "existing"; phoneNumber: string };

/** The webhook binding of a number: where Twilio sends its inbound SMS. */
export interface SmsWebhook {
  smsUrl: string;
  smsMethod: "POST";
  smsFallbackUrl: string;
  statusCallback: string;
}

/** Inputs of a toll-free number resource. */
export interface TollFreeNumberInputs extends SmsWebhook {
  /** The integration's name (`metadata.name`). */
  integration: string;
  /** The integration file, relative to the repository, for messages. */
  file: string;
  /** Labels the number in Twilio so a retried purchase finds the number it already bought. */
  friendlyName: string;
  request: NumberRequest;
  /** Release the number when the integration is removed; otherwise it is only detached. */
  releaseOnDelete: boolean;
  /** Remove an SMS application from the number, whose URLs would override the webhook. */
  clearSmsApplication: boolean;
}

/** Outputs of a toll-free number resource: the inputs, with the live values of the number. */
export interface TollFreeNumberOutputs extends TollFreeNumberInputs {
  sid: string;
  phoneNumber: string;
  /** An SMS application on the number; while set, Twilio ignores the number's `smsUrl`. */
  smsApplicationSid: string;
}

/** What is read of a number, whether it came from a purchase, a list or an update. */
type IncomingPhoneNumberInstance = Pick<
  Instance,
  | "sid"
  | "phoneNumber"
  | "friendlyName"
  | "smsUrl"
  | "smsMethod"
  | "smsFallbackUrl"
  | "smsFallbackMethod"
  | "statusCallback"
  | "smsApplicationSid"
>;

type Inputs = TollFreeNumberInputs;
type Outputs = TollFreeNumberOutputs;

/** The fields a change of which is applied to the number in place. */
const UPDATABLE: (keyof Inputs)[] = [
  "smsUrl",
  "smsMethod",
  "smsFallbackUrl",
  "statusCallback",
  "friendlyName",
  "releaseOnDelete",
  "clearSmsApplication",
];

/**
 * A US or Canadian toll-free number, bought or adopted, and pointed at the stack's webhook.
 *
 * Nothing here releases a number by accident: removing the resource detaches the webhook and
 * keeps the number in the account, unless the file said `releaseOnDelete: true` before it was
 * removed. A change of what number is meant (country, existing number, purchase or existing)
 * fails the plan instead of becoming a replacement, since a released number may never come
 * back (twilio/terraform-provider-twilio#138).
 */
export const provider: pulumi.dynamic.ResourceProvider<Inputs, Outputs> = {
  async check(_olds, news) {
    return { inputs: news };
  },

  async diff(_id, olds, news) {
    if (!containsUnknown(news.request)) refuseNumberChange(olds, news);

    refuseOverriddenWebhook(olds, news);

    const changed = UPDATABLE.filter((key) => !sameValue(olds[key], news[key]));
    if (!changed.length) return { changes: false };
    return { changes: true, replaces: [], deleteBeforeReplace: false };
  },

  async create(inputs) {
    const client = createTwilioClient();
    snapshot.forget();

    const owned =
      inputs.request.kind === "existing"
        ? await adoptExisting(client, inputs, inputs.request.phoneNumber)
        : ((await findByFriendlyName(client, inputs.friendlyName)) ??
          (await purchase(client, inputs, inputs.request)));

    refuseOverriddenWebhook(outputsOf(inputs, owned), inputs);
    const bound = await bind(client, owned, inputs);
    return { id: bound.sid, outs: outputsOf(inputs, bound) };
  },

  async read(id, props) {
    if (!props) throw new Error(IMPORT_UNSUPPORTED);
    const client = createTwilioClient();
    const live = await snapshot.number(client, id);
    if (!live) return {};

    const outs = outputsOf(props, live);
    // ReadResult types `inputs` as the outputs type; the engine takes any property map.
    return { id, props: outs, inputs: inputsOf(outs) as Outputs };
  },

  async update(id, olds, news) {
    const onlyLocal = UPDATABLE.every(
      (key) => key === "releaseOnDelete" || sameValue(olds[key], news[key]),
    );
    if (onlyLocal) return { outs: { ...olds, ...news } };

    const client = createTwilioClient();
    snapshot.forget();
    const bound = await client.incomingPhoneNumbers(id).update(bindingParams(olds, news));
    return { outs: outputsOf(news, bound) };
  },

  async delete(id, props) {
    const client = createTwilioClient();
    snapshot.forget();

    if (props.releaseOnDelete) {
      await ignoreNotFound(client.incomingPhoneNumbers(id).remove());
      return;
    }

    // Detach: the number stays in the account with its FriendlyName, so a file that comes back
    // adopts it again instead of buying another.
    await ignoreNotFound(
      client.incomingPhoneNumbers(id).update({ smsUrl: "", smsFallbackUrl: "", statusCallback: "" }),
    );
  },
};

/**
 * `pulumi import` and `X.get()` do not work for dynamic resources (pulumi/pulumi#16175): a
 * number is adopted by naming it in an integration file instead.
 */
const IMPORT_UNSUPPORTED =
  "a toll-free number cannot be imported; name it in an integration file as spec.number.existing";

function refuseNumberChange(olds: Outputs, news: Inputs): void {
  const before = olds.request;
  const after = news.request;
  const where = `${news.file}: spec.number`;

  if (before.kind !== after.kind) {
    throw new Error(
      `${where}: changed from ${before.kind} to ${after.kind}, which would mean another number ` +
        `than ${olds.phoneNumber}; restore it, or add a new integration for the other number.`,
    );
  }
  if (before.kind === "existing" && after.kind === "existing") {
    if (before.phoneNumber !== after.phoneNumber) {
      throw new Error(
        `${where}.existing: changed from ${before.phoneNumber} to ${after.phoneNumber}; a ` +
          `number cannot be swapped in place. Restore it, or add a new integration.`,
      );
    }
  }
  if (before.kind === "purchase" && after.kind === "purchase") {
    if (before.country !== after.country) {
      throw new Error(
        `${where}.purchase.country: changed from ${before.country} to ${after.country} after ` +
          `${olds.phoneNumber} was bought; restore it, or add a new integration for the new number.`,
      );
    }
  }
}

/**
 * Twilio sends a number's inbound SMS to its SMS application's URL instead of the number's own
 * `SmsUrl` while `SmsApplicationSid` is set, so writing the webhook alone would change nothing.
 */
function refuseOverriddenWebhook(olds: Outputs, news: Inputs): void {
  if (!olds.smsApplicationSid || news.clearSmsApplication) return;

  throw new Error(
    `${news.file}: spec.number: ${olds.phoneNumber} uses SMS application ` +
      `${olds.smsApplicationSid}, whose URL Twilio calls instead of the number's SmsUrl, so ` +
      `inbound SMS would not reach the webhook. Set spec.number.clearSmsApplication: true to ` +
      `remove the application from the number.`,
  );
}

async function adoptExisting(
  client: Twilio,
  inputs: Inputs,
  phoneNumber: string,
): Promise<IncomingPhoneNumberInstance> {
  const [owned] = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
  if (owned?.phoneNumber === phoneNumber) return owned;

  throw new Error(
    `${inputs.file}: spec.number.existing: ${phoneNumber} is not a number of Twilio account ` +
      `${client.accountSid}; port or buy it into that account first, or use spec.number.purchase.`,
  );
}

async function findByFriendlyName(
  client: Twilio,
  friendlyName: string,
): Promise<IncomingPhoneNumberInstance | undefined> {
  const found = await client.incomingPhoneNumbers.list({ friendlyName, limit: 2 });
  return found.find((n) => n.friendlyName === friendlyName);
}

async function purchase(
  client: Twilio,
  inputs: Inputs,
  request: Extract<NumberRequest, { kind: "purchase" }>,
): Promise<IncomingPhoneNumberInstance> {
  const candidates = await searchTollFree(client, inputs, request);

  for (const phoneNumber of candidates.slice(0, PURCHASE_ATTEMPTS)) {
    const bought = await buy(client, inputs, phoneNumber);
    if (bought) return bought;
  }

  throw new Error(
    `${inputs.file}: spec.number.purchase: none of ${candidates.slice(0, PURCHASE_ATTEMPTS)
      .join(", ")} could be bought (Twilio error 21422, not available); run the update again ` +
      `to search anew, or change areaCode or contains.`,
  );
}

/** Searches toll-free inventory only: a local number cannot send toll-free SMS. */
async function searchTollFree(
  client: Twilio,
  inputs: Inputs,
  request: Extract<NumberRequest, { kind: "purchase" }>,
): Promise<string[]> {
  const found = await client.availablePhoneNumbers(request.country).tollFree.list({
    areaCode: request.areaCode ? Number(request.areaCode) : undefined,
    contains: request.contains,
    smsEnabled: true,
    limit: 20,
  });
  if (found.length) return found.map((n) => n.phoneNumber);

  const field = request.contains ? "contains" : request.areaCode ? "areaCode" : "country";
  const others = TOLL_FREE_AREA_CODES.filter((code) => code !== request.areaCode).join(", ");
  throw new Error(
    `${inputs.file}: spec.number.purchase.${field}: Twilio has no toll-free number in ` +
      `${request.country} matching ${JSON.stringify(request)}; try another area code ` +
      `(${others}) or a shorter contains.`,
  );
}

/**
 * Buys one number, or returns undefined when Twilio says it is not available (21422). A 21422
 * can also mean this very purchase went through and its answer was lost, with the client's
 * retry then refused: the number is looked up before it is given up.
 */
async function buy(
  client: Twilio,
  inputs: Inputs,
  phoneNumber: string,
): Promise<IncomingPhoneNumberInstance | undefined> {
  try {
    return await client.incomingPhoneNumbers.tollFree.create({
      phoneNumber,
      friendlyName: inputs.friendlyName,
      ...webhookParams(inputs),
    });
  } catch (err) {
    if (!isTwilioError(err, 21422)) {
      throw new Error(`${inputs.file}: spec.number.purchase: buying ${phoneNumber} failed: ` +
        `${messageOf(err)}`);
    }
    return findByFriendlyName(client, inputs.friendlyName);
  }
}

/** Writes the webhook and label onto the number when they differ from what it has. */
async function bind(
  client: Twilio,
  live: IncomingPhoneNumberInstance,
  inputs: Inputs,
): Promise<IncomingPhoneNumberInstance> {
  const wanted = bindingParams({ smsApplicationSid: live.smsApplicationSid ?? "" }, inputs);
  const current: Record<string, unknown> = {
    smsUrl: live.smsUrl,
    smsMethod: live.smsMethod,
    smsFallbackUrl: live.smsFallbackUrl,
    smsFallbackMethod: live.smsFallbackMethod,
    statusCallback: live.statusCallback,
    friendlyName: live.friendlyName,
  };
  const differs = Object.entries(wanted).some(([key, value]) => current[key] !== value);
  if (!differs) return live;

  return client.incomingPhoneNumbers(live.sid).update(wanted);
}

/**
 * The update that binds a number: the webhook, the label of a bought number (an adopted one
 * keeps the customer's), and the removal of an SMS application when the file asks for it.
 */
function bindingParams(live: { smsApplicationSid: string }, inputs: Inputs) {
  return {
    ...webhookParams(inputs),
    ...(inputs.request.kind === "purchase" ? { friendlyName: inputs.friendlyName } : {}),
    ...(inputs.clearSmsApplication && live.smsApplicationSid ? { smsApplicationSid: "" } : {}),
  };
}

function webhookParams(inputs: SmsWebhook) {
  return {
    smsUrl: inputs.smsUrl,
    smsMethod: inputs.smsMethod,
    smsFallbackUrl: inputs.smsFallbackUrl,
    smsFallbackMethod: "POST" as const,
    statusCallback: inputs.statusCallback,
  };
}

/** Complete outputs after every operation (pulumi/pulumi#13983): inputs plus live values. */
function outputsOf(inputs: Inputs, live: IncomingPhoneNumberInstance): Outputs {
  return {
    ...inputs,
    sid: live.sid,
    phoneNumber: live.phoneNumber,
    smsUrl: live.smsUrl ?? "",
    smsMethod: (live.smsMethod?.toUpperCase() ?? "POST") as "POST",
    smsFallbackUrl: live.smsFallbackUrl ?? "",
    statusCallback: live.statusCallback ?? "",
    smsApplicationSid: live.smsApplicationSid ?? "",
  };
}

/**
 * The inputs a refresh reports: the last desired state with the live webhook laid over it, so
 * that `preview --refresh --diff` shows drift as `smsUrl: "<live>" => "<desired>"`.
 */
function inputsOf(outs: Outputs): Inputs {
  const { sid: _sid, phoneNumber: _phone, smsApplicationSid: _app, ...inputs } = outs;
  return inputs;
}

async function ignoreNotFound(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (err) {
    if (!isTwilioError(err, 20404)) throw err;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
