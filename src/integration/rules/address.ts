import type { Finding, Rule } from "../rule";
import { quoteValue } from "../yaml-value";

const ADDRESS = "spec.compliance.business.address";

/** USPS state and territory codes. */
const US_REGIONS = new Set(("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA " +
  "MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY " +
  "AS GU MP PR VI").split(" "));

/** Canada Post province and territory codes. */
const CA_REGIONS = new Set("AB BC MB NB NL NS NT NU ON PE QC SK YT".split(" "));

const FORMATS = {
  US: { regions: US_REGIONS, postal: /^\d{5}(-\d{4})?$/, example: "IL, 62704 or 62704-1234" },
  CA: { regions: CA_REGIONS, postal: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/, example: "ON, K1A 0B1" },
} as const;

/**
 * A US or Canadian business address whose region and postal code have the country's form.
 * Twilio validates the address and rejects one it cannot match (30451): a state written out
 * ("Illinois"), a four-digit ZIP, or a US state in a Canadian address (field case F03).
 */
export const addressFormat: Rule = {
  id: "address-format",
  severity: "error",
  code: 30451,
  description: "A US or CA address has the country's region code and postal code form.",
  check: ({ spec: { compliance: { business: { address } } } }) => {
    const format = FORMATS[address.country as keyof typeof FORMATS];
    if (!format) return [];

    const findings: Finding[] = [];
    if (!format.regions.has(address.region)) {
      findings.push({ path: `${ADDRESS}.region`,
        problem: `${quoteValue(address.region)} is not a ${address.country} region code`,
        fix: `use the two-letter code, e.g. ${format.example.split(",")[0]}` });
    }
    if (!format.postal.test(address.postalCode)) {
      findings.push({ path: `${ADDRESS}.postalCode`,
        problem: `${quoteValue(address.postalCode)} is not a ${address.country} postal code`,
        fix: `write it like ${format.example.split(", ")[1]}` });
    }
    return findings;
  },
};
