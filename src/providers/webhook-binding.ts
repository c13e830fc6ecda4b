import type * as pulumi from "@pulumi/pulumi";
import type { IncomingPhoneNumberInstance } from "twilio/lib/rest/api/v2010/account/incomingPhoneNumber";

import { createTwilioClient } from "../twilio/client";
import { snapshot } from "./account-snapshot";
import { PlanError } from "./plan-error";
import { withQuietErrors } from "./quiet-errors";
import { ignoreNotFound } from "./toll-free-number";
import { containsUnknown } from "./unknown";

/** Where Twilio sends a number's inbound SMS, and its delivery-status callbacks. */
export interface SmsWebhook {
  smsUrl: string;
  smsMethod: "POST";
  smsFallbackUrl: string;
  statusCallback: string;
}

/** Inputs of a webhook binding: which number, and the stack's webhook URLs. */
export interface WebhookBindingInputs extends SmsWebhook {
  integration: string;
  /** The integration file, relative to the repository, for messages. */
  file: string;
  numberSid: string;
  phoneNumber: string;
  /** Remove an SMS application from the number, whose URLs would override the webhook. */
  clearSmsApplication: boolean;
}

/** Outputs of a webhook binding: the inputs with the number's live webhook laid over them. */
export interface WebhookBindingOutputs extends WebhookBindingInputs {
  /** An SMS application on the number; while set, Twilio ignores the number's `smsUrl`. */
  smsApplicationSid: string;
  /** A Messaging Service whose own inbound settings Twilio uses instead of the number's. */
  overridingServiceSid: string;
}

type Inputs = WebhookBindingInputs;
type Outputs = WebhookBindingOutputs;

const WEBHOOK_FIELDS: (keyof SmsWebhook)[] = [
  "smsUrl",
  "smsMethod",
  "smsFallbackUrl",
  "statusCallback",
];

/**
 * The binding of a toll-free number to the stack's inbound-SMS webhook. A refresh reads the
 * number's live webhook, so a URL changed in the Console or left pointing at another
 * environment shows in the next preview and is restored by `up` (field case F19). Removing the
 * binding clears the webhook and leaves the number in the account.
 */
export const provider: pulumi.dynamic.ResourceProvider<Inputs, Outputs> = withQuietErrors({
  async check(_olds, news) {
    return { inputs: news };
  },

  async diff(_id, olds, news) {
    refuseOverriddenWebhook(olds, news);

    const keys: (keyof Inputs)[] = [...WEBHOOK_FIELDS, "clearSmsApplication", "numberSid"];
    const changed = keys.filter((key) => olds[key] !== news[key]);
    if (containsUnknown(news)) return { changes: true };
    return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
  },

  async create(inputs) {
    const client = createTwilioClient();
    snapshot.forget();

    const live = await client.incomingPhoneNumbers(inputs.numberSid).fetch();
    const service = await overridingService(inputs.numberSid);
    refuseOverriddenWebhook(outputsOf(inputs, live, service), inputs);
    const bound = await client.incomingPhoneNumbers(inputs.numberSid).update(params(live, inputs));
    return { id: inputs.numberSid, outs: outputsOf(inputs, bound, service) };
  },

  async read(id, props) {
    if (!props) throw new Error("a webhook binding cannot be imported; `pulumi up` makes it");
    const live = await snapshot.number(createTwilioClient(), props.numberSid);
    if (!live) return {};

    // The live webhook goes into the inputs too, so `preview --refresh --diff` shows drift as
    // `smsUrl: "<live>" => "<desired>"`. ReadResult types `inputs` as the outputs type.
    const outs = outputsOf(props, live, await overridingService(props.numberSid));
    const { smsApplicationSid: _app, overridingServiceSid: _service, ...inputs } = outs;
    return { id, props: outs, inputs: inputs as Outputs };
  },

  async update(_id, olds, news) {
    snapshot.forget();
    const bound = await createTwilioClient()
      .incomingPhoneNumbers(news.numberSid)
      .update(params(olds, news));
    return { outs: outputsOf(news, bound, await overridingService(news.numberSid)) };
  },

  async delete(_id, props) {
    snapshot.forget();
    await ignoreNotFound(
      createTwilioClient()
        .incomingPhoneNumbers(props.numberSid)
        .update({ smsUrl: "", smsFallbackUrl: "", statusCallback: "" }),
    );
  },
});

/**
 * Twilio sends a number's inbound SMS to its SMS application's URL instead of the number's own
 * `SmsUrl` while `SmsApplicationSid` is set, so writing the webhook alone would change nothing:
 * the plan stops and says how to take the number over.
 */
function refuseOverriddenWebhook(live: Outputs, news: Inputs): void {
  if (live.overridingServiceSid) {
    throw new PlanError(
      `${news.file}: spec.number: ${live.phoneNumber} is in Messaging Service ` +
        `${live.overridingServiceSid}, which does not defer to the sender's webhook ` +
        "(use_inbound_webhook_on_number is false), so Twilio sends inbound SMS to the " +
        "service's inbound URL instead. Remove the number from the service, or set the " +
        "service's use_inbound_webhook_on_number to true, then run again.",
    );
  }
  if (!live.smsApplicationSid || news.clearSmsApplication) return;

  throw new PlanError(
    `${news.file}: spec.number: ${live.phoneNumber} uses SMS application ` +
      `${live.smsApplicationSid}, whose URL Twilio calls instead of the number's SmsUrl, so ` +
      `inbound SMS would not reach the webhook. Set spec.number.clearSmsApplication: true to ` +
      `remove the application from the number.`,
  );
}

/** The update that binds the number, removing an SMS application when the file asks. */
function params(live: { smsApplicationSid: string | null }, inputs: Inputs) {
  return {
    smsUrl: inputs.smsUrl,
    smsMethod: inputs.smsMethod,
    smsFallbackUrl: inputs.smsFallbackUrl,
    smsFallbackMethod: "POST" as const,
    statusCallback: inputs.statusCallback,
    ...(inputs.clearSmsApplication && live.smsApplicationSid ? { smsApplicationSid: "" } : {}),
  };
}

/**
 * The service that takes a number's inbound SMS away from its webhook: one whose
 * `use_inbound_webhook_on_number` is false (field case F20). A service that defers to the
 * sender leaves the number's `SmsUrl` in charge.
 */
async function overridingService(numberSid: string): Promise<string> {
  const service = await snapshot.serviceOf(createTwilioClient(), numberSid);
  return service && !service.useInboundWebhookOnNumber ? service.sid : "";
}

function outputsOf(
  inputs: Inputs,
  live: IncomingPhoneNumberInstance,
  overridingServiceSid: string,
): Outputs {
  const { integration, file, numberSid, clearSmsApplication } = inputs;
  return {
    integration,
    file,
    numberSid,
    clearSmsApplication,
    phoneNumber: live.phoneNumber,
    smsUrl: live.smsUrl ?? "",
    smsMethod: (live.smsMethod?.toUpperCase() ?? "POST") as "POST",
    smsFallbackUrl: live.smsFallbackUrl ?? "",
    statusCallback: live.statusCallback ?? "",
    smsApplicationSid: live.smsApplicationSid ?? "",
    overridingServiceSid,
  };
}
