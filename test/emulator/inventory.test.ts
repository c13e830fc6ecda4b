import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { DEFAULT_INVENTORY, generateInventory } from "../../emulator/inventory";
import { compileContains, compilePhoneNumberFilter, keypadDigits } from "../../emulator/phone-pattern";
import { TOLL_FREE_AREA_CODES, isE164 } from "../../emulator/phone-numbers";

describe("the default inventory", () => {
  const inventory = generateInventory();
  const tollFree = inventory.filter((n) => n.type === "tollfree");

  it("holds a few hundred valid toll-free numbers over every area code in the US and Canada", () => {
    expect(tollFree.length).toBe(DEFAULT_INVENTORY.count);
    for (const country of ["US", "CA"]) {
      const inCountry = tollFree.filter((n) => n.isoCountry === country);
      const codes = new Set(inCountry.map((n) => n.phoneNumber.slice(2, 5)));
      expect([...codes].sort()).toEqual([...TOLL_FREE_AREA_CODES]);
    }
    expect(tollFree.every((n) => isE164(n.phoneNumber))).toBe(true);
  });

  it("has no number twice", () => {
    expect(new Set(inventory.map((n) => n.phoneNumber)).size).toBe(inventory.length);
  });

  it("is the same for the same seed and different for another", () => {
    expect(generateInventory()).toEqual(inventory);
    expect(generateInventory({ seed: 7 })).not.toEqual(inventory);
  });

  it.each(["FOOD", "CARE", "HELP", "SMILE"])("spells %s in every area code of both countries", (word) => {
    const matches = compileContains(word);
    for (const country of ["US", "CA"]) {
      const codes = new Set(
        tollFree
          .filter((n) => n.isoCountry === country && matches(n.phoneNumber))
          .map((n) => n.phoneNumber.slice(2, 5)),
      );
      expect([...codes].sort()).toEqual([...TOLL_FREE_AREA_CODES]);
    }
  });

  it("grows to the count asked for", () => {
    expect(generateInventory({ count: 5000 }).filter((n) => n.type === "tollfree")).toHaveLength(5000);
  });
});

describe("Contains patterns", () => {
  it.each([
    ["FOOD", "+18332223663", true],
    ["FOOD", "+18332223664", false],
    ["+855", "+18552223663", true],
    ["+1855", "+18552223663", true],
    ["+222", "+18552223663", false],
    ["3663$", "+18552223663", true],
    ["2223$", "+18552223663", false],
    ["*22*3", "+18552223663", true],
    ["855%63", "+18552223663", true],
  ])("%s on %s → %s", (pattern, number, expected) => {
    expect(compileContains(pattern)(number)).toBe(expected);
  });

  it("spells letters as keypad digits", () => {
    expect(keypadDigits("FOOD")).toBe("3663");
    expect(keypadDigits("Plumb3r")).toBe("7586237");
  });

  it("finds every number that contains the digits of a word it spells", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z]{2,7}$/),
        fc.stringMatching(/^[2-9]\d{2}$/),
        (word, exchange) => {
          const digits = keypadDigits(word);
          const number = `+1833${exchange}${digits}`.slice(0, 12).padEnd(12, "0");
          return !number.includes(digits) || compileContains(word)(number);
        },
      ),
    );
  });
});

describe("PhoneNumber list filters", () => {
  it.each([
    ["+18335550100", true], ["8335550100", true], ["555", true], ["+1 (833) 555-0100", true],
    ["+1833555****", true], ["+1844*", false],
  ])("%s matches +18335550100: %s", (filter, expected) => {
    expect(compilePhoneNumberFilter(filter)("+18335550100")).toBe(expected);
  });
});
