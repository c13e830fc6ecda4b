import type { z } from "zod";

/** A zod failure as one line per problem: `owned[0].phoneNumber: expected E.164 …`. */
export function describeZodError(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (text, part) => (typeof part === "number" ? `${text}[${part}]` : `${text}.${String(part)}`),
        root,
      );
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}
