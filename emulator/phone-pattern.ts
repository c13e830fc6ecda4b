import { badRequest } from "./twilio-error";

/** The letters on each key of a phone keypad, as vanity numbers spell words (FOOD = 3663). */
const KEYPAD: Record<string, string> = {
  a: "2", b: "2", c: "2", d: "3", e: "3", f: "3", g: "4", h: "4", i: "4", j: "5", k: "5",
  l: "5", m: "6", n: "6", o: "6", p: "7", q: "7", r: "7", s: "7", t: "8", u: "8", v: "8",
  w: "9", x: "9", y: "9", z: "9",
};

/** Spells a word as keypad digits: `FOOD` → `3663`. Digits stay as they are. */
export function keypadDigits(text: string): string {
  return text.toLowerCase().replace(/[a-z]/g, (letter) => KEYPAD[letter]);
}

/**
 * Compiles an AvailablePhoneNumbers `Contains` pattern. Per the 2010 spec it is 2-16
 * characters of digits and latin letters (letters match their keypad digit) with four
 * meta-characters: `*` one character, `%` a sequence, a leading `+` anchors the start and a
 * trailing `$` the end; wildcards need at least two non-meta characters, and meta-characters
 * are not adjacent. The result matches the national number (ten digits for NANP) or, when
 * anchored, the national number or the full E.164 digits.
 */
export function compileContains(pattern: string): (e164: string) => boolean {
  validateContains(pattern);
  const anchoredStart = pattern.startsWith("+");
  const anchoredEnd = pattern.endsWith("$");
  const body = pattern.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  const source = [...body]
    .map((char) => (char === "*" ? "\\d" : char === "%" ? "\\d*" : keypadDigits(char)))
    .join("");
  const regex = new RegExp(`${anchoredStart ? "^" : ""}${source}${anchoredEnd ? "$" : ""}`);

  return (e164) => {
    const digits = e164.slice(1);
    const national = digits.startsWith("1") ? digits.slice(1) : digits;
    return regex.test(national) || (anchoredStart && regex.test(digits));
  };
}

function validateContains(pattern: string): void {
  const problem = containsProblem(pattern);
  if (problem) throw badRequest(`Contains '${pattern}' is not a valid pattern: ${problem}`);
}

function containsProblem(pattern: string): string | undefined {
  if (pattern.length < 2 || pattern.length > 16) return "it must be 2 to 16 characters long";
  if (!/^\+?[0-9a-zA-Z*%]+\$?$/.test(pattern)) {
    return "use digits, letters, * and %, with + only first and $ only last";
  }
  if (/[*%+$]{2}/.test(pattern.replace(/\*+/g, "*"))) return "meta-characters cannot be adjacent";
  const literal = pattern.replace(/[*%+$]/g, "").length;
  if (/[*%]/.test(pattern) && literal < 2) return "wildcards need at least two other characters";
  return undefined;
}

/**
 * Compiles an IncomingPhoneNumbers `PhoneNumber` filter: "You can specify partial numbers and
 * use '*' as a wildcard for any digit" (2010 spec). Letters are taken as keypad digits and
 * punctuation is ignored, so `+1 (833) 555-0100` and `8335550100` both find `+18335550100`.
 */
export function compilePhoneNumberFilter(filter: string): (e164: string) => boolean {
  const source = keypadDigits(filter.replace(/[^0-9a-zA-Z*]/g, "")).replace(/\*/g, "\\d");
  const regex = new RegExp(source);
  return (e164) => regex.test(e164.slice(1));
}
