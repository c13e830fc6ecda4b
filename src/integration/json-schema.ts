import { z } from "zod";

import { integrationSchema } from "./schema";

/** Where the generated JSON Schema is committed, relative to the repository root. */
export const JSON_SCHEMA_PATH = "schemas/integration.schema.json";

/**
 * The JSON Schema for editors, generated from {@link integrationSchema}. It describes what a
 * person writes (`io: "input"`), so fields with defaults are optional. Draft-07 because that
 * is what yaml-language-server and ajv support best.
 */
export function integrationJsonSchema(): string {
  const schema = z.toJSONSchema(integrationSchema, { io: "input", target: "draft-07" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
