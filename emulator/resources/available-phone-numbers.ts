import type { ApiHandler } from "../context";
import type { AvailableNumber } from "../inventory";
import { compileContains } from "../phone-pattern";
import type { NumberType } from "../phone-numbers";
import { areaCodeOf, formatFriendly } from "../phone-numbers";
import { TwilioApiError } from "../twilio-error";

/** How many numbers a search returns when `PageSize` is absent. */
const DEFAULT_RESULTS = 50;

/**
 * `GET AvailablePhoneNumbers/{Country}/TollFree.json` and `/Local.json`: numbers for sale that
 * match `AreaCode` and `Contains`. Twilio's answer carries only `available_phone_numbers` and
 * `uri` (the spec's examples), with no paging. Capability and address filters are accepted and
 * ignored: every emulated number can do SMS, MMS and voice and needs no address.
 */
export function searchAvailableNumbers(type: NumberType): ApiHandler {
  return (ctx, req) => {
    const country = req.params.country;
    const limit = req.query.getInteger("PageSize", 1, 1000) ?? DEFAULT_RESULTS;
    const matches = searchFilter(req.query.get("AreaCode"), req.query.get("Contains"));
    const found: AvailableNumber[] = [];
    for (const available of ctx.store.inventory.values()) {
      if (found.length >= limit) break;
      if (available.type === type && available.isoCountry === country && matches(available)) {
        found.push(available);
      }
    }
    return {
      status: 200,
      body: { available_phone_numbers: found.map(renderAvailable), uri: req.path },
    };
  };
}

function searchFilter(areaCode: string | undefined, contains: string | undefined) {
  if (areaCode !== undefined && !/^\d{3}$/.test(areaCode)) {
    throw new TwilioApiError(400, 21451, `AreaCode ${areaCode} is invalid`);
  }
  const containsMatch = contains === undefined ? () => true : compileContains(contains);
  return (available: AvailableNumber) =>
    (areaCode === undefined || areaCodeOf(available.phoneNumber) === areaCode) &&
    containsMatch(available.phoneNumber);
}

/** `api.v2010.account.available_phone_number_country.available_phone_number_toll_free` */
function renderAvailable(available: AvailableNumber): Record<string, unknown> {
  return {
    friendly_name: formatFriendly(available.phoneNumber),
    phone_number: available.phoneNumber,
    lata: null,
    locality: null,
    rate_center: null,
    latitude: null,
    longitude: null,
    region: null,
    postal_code: null,
    iso_country: available.isoCountry,
    address_requirements: "none",
    beta: false,
    capabilities: { mms: true, sms: true, voice: true },
  };
}
