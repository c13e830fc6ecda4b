import { readFileSync } from "node:fs";
import { join } from "node:path";

import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

import { integrationJsonSchema, JSON_SCHEMA_PATH } from "../../src/integration/json-schema";
import { edit, INTAKE_NAMES, integrationText, REPO } from "./fixtures";

const committed = readFileSync(join(REPO, JSON_SCHEMA_PATH), "utf8");

describe("the committed JSON Schema", () => {
  it("is what the zod schema generates (run `npm run schema` after changing it)", () => {
    expect(committed).toBe(integrationJsonSchema());
  });

  // Formats (uri, email) are left to zod; this checks the structure editors see.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(JSON.parse(committed));

  it.each(INTAKE_NAMES)("accepts the %s integration file, as an editor would", (name) => {
    expect(validate(parse(integrationText(name))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects an unknown key and a use case Twilio does not have", () => {
    const text = edit(integrationText("brightsmile-dental"), [
      ["legalName: BrightSmile", "legalname: BrightSmile"],
      ["CUSTOMER_CARE]", "APPOINTMENTS]"]]);

    expect(validate(parse(text))).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining([
      "/spec/compliance/business", "/spec/compliance/useCase/categories/1"]));
  });

  it("describes every property, so editors can explain each field", () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== "object" || node === null) return;
      const schema = node as { properties?: Record<string, { description?: string }> };
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (!child.description) undescribed.push(`${path}.${key}`);
      }
      for (const [key, value] of Object.entries(node)) visit(value, `${path}/${key}`);
    };
    visit(JSON.parse(committed), "");
    expect(undescribed).toEqual([]);
  });
});
