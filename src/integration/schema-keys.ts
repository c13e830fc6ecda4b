import type { z } from "zod";

import { integrationSchema } from "./schema";

interface AnyDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
}

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as AnyDef;

/**
 * The keys the schema allows in the mapping at `segments`, for "did you mean" hints on unknown
 * keys. Walks zod's definitions; under a union every option that fits the path counts.
 */
export function knownKeys(segments: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  for (const schema of schemasAt([integrationSchema], segments).flatMap(unwrap)) {
    for (const shape of objectShape(schema)) Object.keys(shape).forEach((key) => keys.add(key));
  }
  return [...keys];
}

function schemasAt(schemas: z.ZodType[], segments: readonly PropertyKey[]): z.ZodType[] {
  let current = schemas;
  for (const segment of segments) {
    current = current.flatMap(unwrap).flatMap((schema) => child(schema, segment));
  }
  return current;
}

function child(schema: z.ZodType, segment: PropertyKey): z.ZodType[] {
  const def = defOf(schema);
  if (def.type === "object" && def.shape && typeof segment === "string") {
    const next = def.shape[segment];
    return next ? [next] : [];
  }
  if (def.type === "array" && def.element && typeof segment === "number") return [def.element];
  return [];
}

// Looks through optional, default and union wrappers to the schemas that hold a shape.
function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType) return unwrap(def.innerType);
  if (def.type === "union" && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType>[] {
  const def = defOf(schema);
  return def.type === "object" && def.shape ? [def.shape] : [];
}
