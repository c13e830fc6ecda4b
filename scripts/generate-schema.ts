// Writes schemas/integration.schema.json from the zod schema: `npm run schema`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { integrationJsonSchema, JSON_SCHEMA_PATH } from "../src/integration/json-schema";

const target = join(__dirname, "..", JSON_SCHEMA_PATH);
writeFileSync(target, integrationJsonSchema());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
