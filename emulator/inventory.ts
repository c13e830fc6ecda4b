import { keypadDigits } from "./phone-pattern";
import type { IsoCountry, NumberType } from "./phone-numbers";
import { COUNTRIES, TOLL_FREE_AREA_CODES, countryOf, numberTypeOf } from "./phone-numbers";
import { seededRandom } from "./random";

/** A number Twilio would offer in an AvailablePhoneNumbers search. */
export interface AvailableNumber {
  phoneNumber: string;
  isoCountry: IsoCountry;
  type: NumberType;
}

/** How the default inventory is generated. */
export interface GeneratedInventory {
  /** Toll-free numbers in all, spread evenly over US/CA and the seven area codes. */
  count?: number;
  /** Seed of the generator: the same seed gives the same numbers. */
  seed?: number;
}

export const DEFAULT_INVENTORY: Required<GeneratedInventory> = { count: 350, seed: 4010 };

/**
 * Words spelled by vanity numbers in the default inventory, so `Contains=FOOD` (3663 on the
 * keypad) and the like find stock in every toll-free area code of the US and of Canada.
 */
const VANITY_WORDS = ["FOOD", "CARE", "HELP", "TEXT", "SMILE", "FIXIT", "BAKERY"];

/** Local numbers offered next to the toll-free ones, so tests can prove none is ever bought. */
const LOCAL_AREA_CODES: Record<IsoCountry, string[]> = {
  US: ["212", "312", "415", "617"],
  CA: ["416", "604"],
};
const LOCAL_PER_AREA_CODE = 5;

/** Builds the deterministic default inventory: toll-free numbers, vanity ones, a few local. */
export function generateInventory(options: GeneratedInventory = {}): AvailableNumber[] {
  const { count, seed } = { ...DEFAULT_INVENTORY, ...options };
  const random = seededRandom(seed);
  const taken = new Set<string>();
  const take = (phoneNumber: string, isoCountry: IsoCountry): AvailableNumber[] => {
    if (taken.has(phoneNumber)) return [];
    taken.add(phoneNumber);
    return [{ phoneNumber, isoCountry, type: numberTypeOf(phoneNumber) }];
  };

  const vanity = COUNTRIES.flatMap((country) =>
    TOLL_FREE_AREA_CODES.flatMap((code) =>
      VANITY_WORDS.flatMap((word) => take(vanityNumber(code, word, random), country)),
    ),
  );
  const plain = spread(Math.max(0, count - vanity.length), random, take);
  const local = COUNTRIES.flatMap((country) =>
    LOCAL_AREA_CODES[country].flatMap((code) =>
      Array.from({ length: LOCAL_PER_AREA_CODE }, () => randomNumber(code, random)).flatMap(
        (phoneNumber) => take(phoneNumber, country),
      ),
    ),
  );
  return [...vanity.slice(0, count), ...plain, ...local];
}

function spread(
  count: number,
  random: () => number,
  take: (phoneNumber: string, country: IsoCountry) => AvailableNumber[],
): AvailableNumber[] {
  const slots = COUNTRIES.flatMap((country) =>
    TOLL_FREE_AREA_CODES.map((code) => ({ country, code })),
  );
  const result: AvailableNumber[] = [];
  for (let i = 0; result.length < count && i < count * 10; i++) {
    const { country, code } = slots[i % slots.length];
    result.push(...take(randomNumber(code, random), country));
  }
  return result;
}

/** A NANP number: the exchange starts with 2-9, the line is any four digits. */
function randomNumber(areaCode: string, random: () => number): string {
  const digit = (min = 0) => String(min + Math.floor(random() * (10 - min)));
  const exchange = digit(2) + digit() + digit();
  return `+1${areaCode}${exchange}${digit()}${digit()}${digit()}${digit()}`;
}

/** A number whose last digits spell a word: 833 + 2xx + 3663 spells FOOD. */
function vanityNumber(areaCode: string, word: string, random: () => number): string {
  const spelled = keypadDigits(word);
  const padding = 7 - spelled.length;
  const lead = Array.from({ length: padding }, (_, i) =>
    String((i === 0 ? 2 : 0) + Math.floor(random() * (i === 0 ? 8 : 10))),
  ).join("");
  return `+1${areaCode}${lead}${spelled}`;
}

/** Inventory entries from a seed's list of E.164 numbers. */
export function inventoryFromList(
  entries: Array<string | { phoneNumber: string; isoCountry?: IsoCountry }>,
): AvailableNumber[] {
  return entries.map((entry) => {
    const phoneNumber = typeof entry === "string" ? entry : entry.phoneNumber;
    const isoCountry =
      (typeof entry === "string" ? undefined : entry.isoCountry) ?? countryOf(phoneNumber);
    return { phoneNumber, isoCountry, type: numberTypeOf(phoneNumber) };
  });
}
