import * as pulumi from "@pulumi/pulumi";

import type { Integration } from "../src/integration/schema";
import { toVerificationRequest } from "../src/integration/verification-request";
import { ownerLabel } from "../src/providers/owner-label";
import type { NumberRequest } from "../src/providers/toll-free-number";
import { TollFreeNumber } from "../src/providers/toll-free-number-resource";
import type { VerificationFields } from "../src/providers/verification";
import { Verification } from "../src/providers/verification-resource";
import { WebhookBinding } from "../src/providers/webhook-binding-resource";

/** The webhook URLs of the stack that a number is bound to. */
export interface WebhookUrlInputs {
  smsUrl: pulumi.Input<string>;
  smsFallbackUrl: pulumi.Input<string>;
  statusCallbackUrl: pulumi.Input<string>;
}

/** Arguments of {@link SmsIntegration}. */
export interface SmsIntegrationArgs {
  /** The integration as loaded and validated from its file. */
  integration: Integration;
  /** The integration file, relative to the repository, for messages. */
  file: string;
  /** Where the stack receives inbound SMS. */
  webhook: WebhookUrlInputs;
}

/** Request fields that identify people or the business registration: secrets in state. */
const CONTACT_FIELDS = [
  "businessContactFirstName",
  "businessContactLastName",
  "businessContactEmail",
  "businessContactPhone",
  "businessRegistrationNumber",
];

/**
 * One customer's integration: its toll-free number, the number's binding to the stack's
 * webhook, and the number's toll-free verification.
 */
export class SmsIntegration extends pulumi.ComponentResource {
  readonly number: TollFreeNumber;
  readonly binding: WebhookBinding;
  readonly verification: Verification;
  readonly agentId: string;

  constructor(name: string, args: SmsIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("sms-integrations:index:SmsIntegration", name, {}, opts);
    const { integration, file, webhook } = args;
    const { number, agent, compliance } = integration.spec;

    this.agentId = agent.id;
    const owner = ownerLabel(pulumi.getStack(), name);
    this.number = new TollFreeNumber(
      `${name}-number`,
      {
        integration: name,
        file,
        friendlyName: owner,
        request: numberRequestOf(integration),
        releaseOnDelete: number.releaseOnDelete,
        clearSmsApplication: number.clearSmsApplication,
      },
      { parent: this },
    );

    this.binding = new WebhookBinding(
      `${name}-webhook`,
      {
        integration: name,
        file,
        numberSid: this.number.sid,
        phoneNumber: this.number.phoneNumber,
        smsUrl: webhook.smsUrl,
        smsMethod: "POST",
        smsFallbackUrl: webhook.smsFallbackUrl,
        statusCallback: webhook.statusCallbackUrl,
        clearSmsApplication: number.clearSmsApplication,
      },
      { parent: this },
    );

    const { request, contact } = splitRequest(toVerificationRequest(compliance));
    this.verification = new Verification(
      `${name}-verification`,
      {
        integration: name,
        owner,
        file,
        numberSid: this.number.sid,
        request,
        contact: pulumi.secret(contact),
        resubmission: compliance.resubmission,
      },
      { parent: this },
    );

    this.registerOutputs({
      number: this.number,
      binding: this.binding,
      verification: this.verification,
    });
  }
}

function numberRequestOf(integration: Integration): NumberRequest {
  const number = integration.spec.number;
  if (!("purchase" in number)) return { kind: "existing", phoneNumber: number.existing };
  const { country, areaCode, contains } = number.purchase;
  return { kind: "purchase", country, areaCode, contains };
}

function splitRequest(all: object): { request: VerificationFields; contact: VerificationFields } {
  const request: VerificationFields = {};
  const contact: VerificationFields = {};
  for (const [key, value] of Object.entries(all)) {
    if (value === undefined) continue;
    (CONTACT_FIELDS.includes(key) ? contact : request)[key] = value as VerificationFields[string];
  }
  return { request, contact };
}
