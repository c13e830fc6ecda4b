import type * as pulumi from "@pulumi/pulumi";
import type { Twilio } from "twilio";
import type { IncomingPhoneNumberInstance as Instance } from "twilio/lib/rest/api/v2010/account/incomingPhoneNumber";

import { createTwilioClient } from "../twilio/client";
import { snapshot } from "./account-snapshot";
import { isOtherOwner } from "./owner-label";
import { PlanError } from "./plan-error";
import { withQuietErrors } from "./quiet-errors";
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

/** Inputs of a toll-free number resource. */
export interface TollFreeNumberInputs {
  /** The integration's name (`metadata.name`). */
  integration: string;
  /** The integration file, relative to the repository, for messages. */
  file: string;
  /**
   * The owner label (`owner-label.ts`), written as the number's FriendlyName: a retried purchase
   * finds the number it bought, and no other stack takes the number over.
   */
  friendlyName: string;
  request: NumberRequest;
  /** Release the number when the integration is removed; otherwise it stays in the account. */
  releaseOnDelete: boolean;
  /** The file allows removing an SMS application that overrides the number's webhook. */
  clearSmsApplication: boolean;
}

/** Outputs of a toll-free number resource: the inputs, with the number's SID and E.164. */
export interface TollFreeNumberOutputs extends TollFreeNumberInputs {
  sid: string;
  phoneNumber: string;
}

/** What is read of a number, whether it came from a purchase, a list or an update. */
type IncomingPhoneNumberInstance = Pick<
  Instance,
  "sid" | "phoneNumber" | "friendlyName" | "smsUrl" | "smsApplicationSid"
>;

type Inputs = TollFreeNumberInputs;
type Outputs = TollFreeNumberOutputs;

/**
 * A US or Canadian toll-free number in the Twilio account, bought or adopted. Its webhook is a
 * resource of its own (`webhook-binding.ts`): drift of the webhook then updates only the
 * binding, and the number's outputs stay known, in a preview, to everything that uses them.
 *
 * Nothing here releases a number by accident: removing the resource keeps the number in the
 * account, unless the file said `releaseOnDelete: true` before it was removed. A change of what
 * number is meant (country, existing number, purchase or existing) fails the plan instead of
 * becoming a replacement, since a released number may never come back
 * (twilio/terraform-provider-twilio#138).
 */
export const provider: pulumi.dynamic.ResourceProvider<Inputs, Outputs> = withQuietErrors({
  async check(olds, news) {
    // A number the file adopts is checked when it first appears, so the pull request's preview
    // (not the merge) says that the account lacks it or that something else receives its SMS.
    const adopting = news.request?.kind === "existing" && !olds.request && !containsUnknown(news);
    if (adopting) await checkAdoptable(news, news.request as { phoneNumber: string });
    return { inputs: news };
  },

  async diff(_id, olds, news) {
    if (!containsUnknown(news.request)) refuseNumberChange(olds, news);

    const changes =
      olds.friendlyName !== news.friendlyName ||
      olds.releaseOnDelete !== news.releaseOnDelete ||
      olds.clearSmsApplication !== news.clearSmsApplication ||
      olds.file !== news.file;
    return { changes, replaces: [], deleteBeforeReplace: false };
  },

  async create(inputs) {
    const client = createTwilioClient();
    snapshot.forget();

    const owned =
      inputs.request.kind === "existing"
        ? await adoptExisting(client, inputs, inputs.request.phoneNumber)
        : ((await findByFriendlyName(client, inputs.friendlyName)) ??
          (await purchase(client, inputs, inputs.request)));
    return { id: owned.sid, outs: outputsOf(inputs, owned) };
  },

  async read(id, props) {
    if (!props) throw new Error(IMPORT_UNSUPPORTED);
    const live = await snapshot.number(createTwilioClient(), id);
    if (!live) return {};

    // ReadResult types `inputs` as the outputs type; the engine takes any property map.
    return { id, props: outputsOf(props, live), inputs: inputsOf(props) as Outputs };
  },

  async update(id, olds, news) {
    if (olds.friendlyName === news.friendlyName) return { outs: { ...olds, ...news } };

    snapshot.forget();
    const live = await createTwilioClient()
      .incomingPhoneNumbers(id)
      .update({ friendlyName: news.friendlyName });
    return { outs: outputsOf(news, live) };
  },

  async delete(id, props) {
    // A kept number keeps its FriendlyName, so a file that comes back adopts the same number
    // again instead of buying another.
    if (!props.releaseOnDelete) return;

    snapshot.forget();
    await ignoreNotFound(createTwilioClient().incomingPhoneNumbers(id).remove());
  },
});

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
    throw new PlanError(
      `${where}: changed from ${before.kind} to ${after.kind}, which would mean another number ` +
        `than ${olds.phoneNumber}; restore it, or add a new integration for the other number.`,
    );
  }
  if (before.kind === "existing" && after.kind === "existing") {
    if (before.phoneNumber !== after.phoneNumber) {
      throw new PlanError(
        `${where}.existing: changed from ${before.phoneNumber} to ${after.phoneNumber}; a ` +
          `number cannot be swapped in place. Restore it, or add a new integration.`,
      );
    }
  }
  if (before.kind === "purchase" && after.kind === "purchase") {
    if (before.country !== after.country) {
      throw new PlanError(
        `${where}.purchase.country: changed from ${before.country} to ${after.country} after ` +
          `${olds.phoneNumber} was bought; restore it, or add a new integration for the new number.`,
      );
    }
  }
}


async function adoptExisting(
  client: Twilio,
  inputs: Inputs,
  phoneNumber: string,
): Promise<IncomingPhoneNumberInstance> {
  const owned = await ownedNumber(client, inputs, phoneNumber);
  refuseOtherOwner(owned, inputs);
  if (owned.friendlyName === inputs.friendlyName) return owned;

  // Labelled as this stack's, so another stack's preview sees whose number it is.
  return client.incomingPhoneNumbers(owned.sid).update({ friendlyName: inputs.friendlyName });
}

async function ownedNumber(
  client: Twilio,
  inputs: Inputs,
  phoneNumber: string,
): Promise<IncomingPhoneNumberInstance> {
  const [owned] = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
  if (owned?.phoneNumber === phoneNumber) return owned;

  throw new PlanError(
    `${inputs.file}: spec.number.existing: ${phoneNumber} is not a number of Twilio account ` +
      `${client.accountSid}; port or buy it into that account first, or use spec.number.purchase.`,
  );
}

/** A number another stack has bound stays that stack's until its integration is removed. */
function refuseOtherOwner(owned: IncomingPhoneNumberInstance, inputs: Inputs): void {
  if (!isOtherOwner(owned.friendlyName, inputs.friendlyName) || !owned.smsUrl) return;

  throw new PlanError(
    `${inputs.file}: spec.number.existing: ${owned.phoneNumber} belongs to ` +
      `${owned.friendlyName} and is bound to ${owned.smsUrl}; remove that integration first, ` +
      "or give this integration another number.",
  );
}

/**
 * What would make adopting a number useless: the account lacks it, another stack owns it, or an
 * SMS application or a Messaging Service receives its messages instead of the webhook.
 */
async function checkAdoptable(inputs: Inputs, request: { phoneNumber: string }): Promise<void> {
  const client = createTwilioClient();
  const owned = await ownedNumber(client, inputs, request.phoneNumber);
  refuseOtherOwner(owned, inputs);

  const where = `${inputs.file}: spec.number`;
  if (owned.smsApplicationSid && !inputs.clearSmsApplication) {
    throw new PlanError(
      `${where}: ${owned.phoneNumber} uses SMS application ${owned.smsApplicationSid}, whose ` +
        "URL Twilio calls instead of the number's SmsUrl; set spec.number.clearSmsApplication: " +
        "true to remove the application from the number.",
    );
  }

  const service = await snapshot.serviceOf(client, owned.sid);
  if (service && !service.useInboundWebhookOnNumber) {
    throw new PlanError(
      `${where}: ${owned.phoneNumber} is in Messaging Service ${service.sid}, which sends its ` +
        "inbound SMS to the service's own URL (use_inbound_webhook_on_number is false); take " +
        "the number out of the service or set that flag to true, then run again.",
    );
  }
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

  throw new PlanError(
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
  throw new PlanError(
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
    });
  } catch (err) {
    if (!isTwilioError(err, 21422)) {
      throw new Error(`${inputs.file}: spec.number.purchase: buying ${phoneNumber} failed: ` +
        `${messageOf(err)}`);
    }
    return findByFriendlyName(client, inputs.friendlyName);
  }
}


function outputsOf(inputs: Inputs, live: IncomingPhoneNumberInstance): Outputs {
  return { ...inputsOf(inputs), sid: live.sid, phoneNumber: live.phoneNumber };
}

function inputsOf(value: Inputs): Inputs {
  const { integration, file, friendlyName, request, releaseOnDelete, clearSmsApplication } = value;
  return { integration, file, friendlyName, request, releaseOnDelete, clearSmsApplication };
}

/** Treats Twilio's 20404 as done: what was to be removed is already gone. */
export async function ignoreNotFound(operation: Promise<unknown>): Promise<void> {
  try {
    await operation;
  } catch (err) {
    if (!isTwilioError(err, 20404)) throw err;
  }
}
