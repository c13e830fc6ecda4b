import { describe, expect, it } from "vitest";

import { findDisallowedContent } from "../../src/compliance/content";
import { findInsecureLinks, findShortenedLinks } from "../../src/compliance/links";
import { REJECTION_CODES } from "../../src/compliance/rejection-codes";
import { knownKeys } from "../../src/integration/schema-keys";
import { INTAKE_NAMES, intakeRecord } from "./fixtures";

// Real sample messages, help texts and summaries from the intake records.
const INTAKE_TEXTS = INTAKE_NAMES.flatMap((name) => {
  const useCase = intakeRecord(name).useCase as Record<string, unknown>;
  return [...(useCase.messageSamples as string[]), useCase.description as string,
    useCase.helpMessage as string, (useCase.additionalInformation as string) ?? ""];
});

describe("findShortenedLinks", () => {
  it.each([
    ["Details: http://bit.ly/abc123", ["http://bit.ly/abc123"]],
    ["Book at https://TinyURL.com/bsd-book?x=1.", ["https://TinyURL.com/bsd-book?x=1"]],
    ["see (t.co/xyz) or www.cutt.ly/q", ["t.co/xyz", "www.cutt.ly/q"]],
    ["rb.gy/1, is.gd/2, ow.ly/3 and lnkd.in/4", ["rb.gy/1", "is.gd/2", "ow.ly/3", "lnkd.in/4"]],
  ])("finds the shortened links in %j", (text, links) => {
    expect(findShortenedLinks(text)).toEqual(links);
  });

  it("finds none in the intake texts, nor in e-mail addresses", () => {
    expect(INTAKE_TEXTS.flatMap(findShortenedLinks)).toEqual([]);
    expect(findShortenedLinks("write to help@bit.ly.example")).toEqual([]);
  });
});

describe("findInsecureLinks", () => {
  it("finds http:// links and leaves https:// and scheme-less ones", () => {
    expect(findInsecureLinks("a http://x.example/p, b https://y.example, c z.example/q"))
      .toEqual(["http://x.example/p"]);
  });
});

describe("findDisallowedContent", () => {
  it.each([
    ["Weekly CBD promotions and sweepstakes entries", [[30459, "CBD"], [30462, "sweepstakes"]]],
    ["Buy Bitcoin today", [[30464, "Bitcoin"]]],
    ["Get a payday loan in minutes", [[30443, "payday loan"]]],
    ["We offer debt consolidation", [[30466, "debt consolidation"]]],
    ["Big jackpot at the casino tonight", [[30461, "casino"], [30461, "jackpot"]]],
    ["New vape flavors in store", [[30458, "vape"]]],
  ])("finds the disallowed keywords of %j with their rejection codes", (text, expected) => {
    expect(findDisallowedContent(text).map((hit) => [hit.code, hit.keyword]))
      .toEqual(expect.arrayContaining(expected));
  });

  it("matches whole words only and finds nothing in the intake texts", () => {
    expect(findDisallowedContent("The work has begun at the Riverbend winery")).toEqual([]);
    expect(INTAKE_TEXTS.flatMap(findDisallowedContent)).toEqual([]);
  });

  it("only uses codes Twilio marks as final", () => {
    const hits = findDisallowedContent("porn payday loan hate speech beer gun tobacco cbd "
      + "debt collection casino sweepstakes stock tips crypto forex debt relief credit repair "
      + "lead generation kratom");
    expect(new Set(hits.map((hit) => hit.code)).size).toBe(17);
    for (const hit of hits) expect(REJECTION_CODES[hit.code]?.resubmittable).toBe(false);
  });
});

describe("REJECTION_CODES", () => {
  it.each([
    [30449, true], [30471, true], [30509, true], [30511, true], [30527, true], [30501, true],
    [30441, false], [30464, false], [30447, false], [30525, false],
  ])("says whether %i can be resubmitted", (code, resubmittable) => {
    expect(REJECTION_CODES[code].resubmittable).toBe(resubmittable);
  });

  it("names only YAML paths the integration schema has", () => {
    const inSchema = (path: string) => path.split(".").every((key, i, keys) =>
      knownKeys(keys.slice(0, i)).includes(key));
    const paths = Object.values(REJECTION_CODES).flatMap((c) => c.paths);

    expect(paths.length).toBeGreaterThan(50);
    expect(paths.filter((path) => !inSchema(path))).toEqual([]);
  });

  it("points the sample-message codes at the samples", () => {
    for (const code of [30449, 30471]) {
      expect(REJECTION_CODES[code].paths).toEqual(["spec.compliance.useCase.messageSamples"]);
    }
  });
});
