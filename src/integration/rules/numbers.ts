import { isTollFreeAreaCode, parseE164 } from "../phone";
import type { Finding, Rule } from "../rule";
import type { Integration } from "../schema";
import { TOLL_FREE_AREA_CODES } from "../../twilio/enums";
import { quoteValue } from "../yaml-value";

const AREA_CODES = TOLL_FREE_AREA_CODES.join(", ");

function phoneFields(integration: Integration): { path: string; value: string }[] {
  const { number, compliance } = integration.spec;
  const { contact, registration } = compliance.business;
  return [
    ...("existing" in number ? [{ path: "spec.number.existing", value: number.existing }] : []),
    { path: "spec.compliance.business.contact.phone", value: contact.phone },
    ...(registration?.phoneNumber !== undefined
      ? [{ path: "spec.compliance.business.registration.phoneNumber",
        value: registration.phoneNumber }]
      : []),
  ];
}

/** Every phone number is E.164, checked by libphonenumber-js, as Twilio expects them. */
export const phoneE164: Rule = {
  id: "phone-e164",
  severity: "error",
  description: "Phone numbers are valid and written in E.164 (+ and digits).",
  check: (integration) => phoneFields(integration).flatMap(({ path, value }): Finding[] => {
    const parsed = parseE164(value);
    if (parsed.ok) return [];
    return [{ path, problem: `${quoteValue(value)} ${parsed.reason}`,
      fix: "write the full number in E.164, e.g. +18885550142" }];
  }),
};

/**
 * An existing number must be a US/CA toll-free number: toll-free verification and this product
 * exist only for those, and a local number would need A2P 10DLC registration instead.
 */
export const numberTollFree: Rule = {
  id: "number-toll-free",
  severity: "error",
  description: `An existing number is a US/CA toll-free number (${AREA_CODES}).`,
  check: ({ spec: { number } }) => {
    if (!("existing" in number)) return [];
    const parsed = parseE164(number.existing);
    if (!parsed.ok || parsed.tollFree) return [];
    const kind = parsed.areaCode
      ? `a local number (area code ${parsed.areaCode}), not toll-free`
      : "not a US/CA number";
    return [{ path: "spec.number.existing", problem: `${quoteValue(number.existing)} is ${kind}`,
      fix: `use a toll-free number (${AREA_CODES}) or buy one with purchase: {country: US}` }];
  },
};

/** A purchase asks for a toll-free area code; Twilio searches its TollFree inventory with it. */
export const purchaseAreaCode: Rule = {
  id: "purchase-area-code",
  severity: "error",
  description: `A purchase's areaCode is a toll-free one (${AREA_CODES}).`,
  check: ({ spec: { number } }) => {
    if (!("purchase" in number) || number.purchase.areaCode === undefined) return [];
    const { areaCode } = number.purchase;
    if (isTollFreeAreaCode(areaCode)) return [];
    return [{ path: "spec.number.purchase.areaCode",
      problem: `${quoteValue(areaCode)} is not a toll-free area code`,
      fix: `use one of ${AREA_CODES}, or remove areaCode to take any` }];
  },
};
