import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import Ajv from "ajv";
import type { ValidateFunction } from "ajv";

import type { ApiExchange } from "../../../emulator";

/**
 * Twilio's OpenAPI specs sit beside the repository (`../shared/twilio-oai`), where CI checks
 * them out too. Every answer the emulator gives in a test is checked against them.
 */
export const SPECS_DIR = path.resolve(__dirname, "../../../../shared/twilio-oai");
const SPEC_FILES = ["twilio_api_v2010.json", "twilio_messaging_v1.json"];

/** Why the OpenAPI check cannot run, or undefined when it can. */
export function specsMissing(): string | undefined {
  const absent = SPEC_FILES.filter((file) => !existsSync(path.join(SPECS_DIR, file)));
  return absent.length ? `Twilio OpenAPI specs not found in ${SPECS_DIR}: ${absent.join(", ")}` : undefined;
}

/**
 * Resource schemas the emulator answers with, held to more than the spec says: every declared
 * property present (Twilio writes them all, null when unset) and none that is not declared.
 */
const STRICT_RESOURCES = [
  "api.v2010.account.incoming_phone_number",
  "api.v2010.account.incoming_phone_number.incoming_phone_number_toll_free",
  "api.v2010.account.message",
  "api.v2010.account.available_phone_number_country.available_phone_number_toll_free",
  "api.v2010.account.available_phone_number_country.available_phone_number_local",
  "messaging.v1.tollfree_verification",
  "messaging.v1.service",
  "messaging.v1.service.phone_number",
];

/** The error body, which the specs do not describe: twilio-node's RestException keys. */
const ERROR_SCHEMA = {
  type: "object",
  required: ["code", "message", "more_info", "status"],
  additionalProperties: false,
  properties: {
    code: { type: "integer" },
    message: { type: "string", minLength: 1 },
    more_info: { type: "string", pattern: "^https://www\\.twilio\\.com/docs/errors/\\d+$" },
    status: { type: "integer", minimum: 400 },
  },
};

interface Operation {
  method: string;
  pattern: RegExp;
  template: string;
  /** Response schema per documented status; null for a documented answer without a body. */
  responses: Map<number, ValidateFunction | null>;
}

export interface OpenApiValidator {
  /** Problems with one exchange; empty when it matches the spec. */
  validate(exchange: ApiExchange): string[];
  /** The operation (method and path template) an exchange belongs to. */
  operationOf(exchange: Pick<ApiExchange, "method" | "path">): string | undefined;
}

let cached: OpenApiValidator | undefined;

/** Loads and compiles the specs once per test worker. */
export function openApiValidator(): OpenApiValidator {
  cached ??= buildValidator();
  return cached;
}

function buildValidator(): OpenApiValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const errorValidator = ajv.compile(ERROR_SCHEMA);
  const operations = SPEC_FILES.flatMap((file, i) => {
    const spec = JSON.parse(readFileSync(path.join(SPECS_DIR, file), "utf8")) as Spec;
    const id = `spec${i}`;
    ajv.addSchema({ $id: id, components: { schemas: tightened(spec.components.schemas) } });
    return operationsOf(spec, id, ajv);
  });
  // Literal segments win over placeholders: `IncomingPhoneNumbers/TollFree.json` is not `{Sid}`.
  operations.sort((a, b) => placeholders(a.template) - placeholders(b.template));

  const find = (method: string, requestPath: string) =>
    operations.find((op) => op.method === method && op.pattern.test(requestPath));

  return {
    operationOf: ({ method, path: requestPath }) => {
      const op = find(method.toLowerCase(), requestPath);
      return op && `${method.toUpperCase()} ${op.template}`;
    },
    validate(exchange) {
      const where = `${exchange.method} ${exchange.path} → ${exchange.status}`;
      if (exchange.status >= 400) {
        const status = (exchange.body as { status?: unknown } | undefined)?.status;
        const mismatch = status === exchange.status ? [] : [`${where}: body status ${String(status)}`];
        return [...mismatch, ...problems(errorValidator, exchange.body, where)];
      }
      const op = find(exchange.method.toLowerCase(), exchange.path);
      if (!op) return [`${where}: no such operation in the specs`];
      if (!op.responses.has(exchange.status)) {
        return [`${where}: status not documented (${[...op.responses.keys()].join(", ")})`];
      }
      const validator = op.responses.get(exchange.status);
      if (validator === null) {
        return exchange.body === undefined ? [] : [`${where}: expected no body`];
      }
      return validator ? problems(validator, exchange.body, where) : [];
    },
  };
}

function placeholders(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function problems(validator: ValidateFunction, body: unknown, where: string): string[] {
  if (validator(body)) return [];
  return (validator.errors ?? []).map(
    (error) => `${where}: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`,
  );
}

interface Spec {
  paths: Record<string, Record<string, { responses?: Record<string, SpecResponse> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

interface SpecResponse {
  content?: { "application/json"?: { schema?: Record<string, unknown> } };
}

function operationsOf(spec: Spec, id: string, ajv: Ajv): Operation[] {
  return Object.entries(spec.paths).flatMap(([template, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => op.responses)
      .map(([method, op]) => ({
        method,
        template,
        pattern: new RegExp(`^${template.replace(/\./g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`),
        responses: new Map(
          Object.entries(op.responses ?? {}).map(([status, response]) => {
            const schema = response.content?.["application/json"]?.schema;
            return [Number(status), schema ? compileLazily(ajv, id, schema) : null] as const;
          }),
        ),
      })),
  );
}

/** Compiling all of Twilio's operations up front takes seconds; compile on first use. */
function compileLazily(ajv: Ajv, id: string, schema: Record<string, unknown>): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown) => {
    compiled ??= ajv.compile(tightenEnvelope(untypedNullablesDropped(relinked(schema, id))));
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  }) as ValidateFunction;
  return validate;
}

/** Points `#/components/...` references at the spec document registered under `id`. */
function relinked(schema: Record<string, unknown>, id: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${id}#/components/`));
}

function tightened(schemas: Record<string, Record<string, unknown>>) {
  const result = untypedNullablesDropped(schemas);
  for (const name of STRICT_RESOURCES) {
    if (result[name]) result[name] = allPropertiesExactly(result[name]);
  }
  return result;
}

/**
 * OpenAPI 3.0 allows `nullable` on a schema without `type` (`resource_links` of the
 * verification); ajv refuses that, and such a schema accepts any value anyway.
 */
function untypedNullablesDropped<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, node: unknown) => {
    if (node && typeof node === "object" && !Array.isArray(node)) {
      const schema = node as Record<string, unknown>;
      if (schema.nullable === true && schema.type === undefined && schema.$ref === undefined) {
        const { nullable: _dropped, ...rest } = schema;
        return rest;
      }
    }
    return node;
  }) as T;
}

/**
 * List envelopes: every paging key present and nothing else, except the AvailablePhoneNumbers
 * answer, whose real examples carry only `available_phone_numbers` and `uri`.
 */
function tightenEnvelope(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (schema.type !== "object" || !properties) return schema;
  if (properties.available_phone_numbers) {
    return { ...schema, required: ["available_phone_numbers", "uri"], additionalProperties: false };
  }
  const meta = properties.meta;
  return {
    ...allPropertiesExactly(schema),
    properties: meta ? { ...properties, meta: allPropertiesExactly(meta) } : properties,
  };
}

function allPropertiesExactly(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties) return schema;
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [name, nullableRef(property)]),
    ),
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

/**
 * OpenAPI 3.0 cannot mark a `$ref` nullable, so enum properties such as `vetting_provider`
 * come out non-nullable although Twilio's own examples carry null there.
 */
function nullableRef(property: Record<string, unknown>): Record<string, unknown> {
  if (typeof property.$ref !== "string" || Object.keys(property).length !== 1) return property;
  return { anyOf: [property, { type: "null" }] };
}

const RFC_2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

function addFormats(ajv: Ajv): void {
  // Twilio marks relative URIs (`uri`, `first_page_uri`) and unset URLs ("") as format uri.
  ajv.addFormat("uri", (value: string) => value === "" || URL.canParse(value, "https://api.twilio.com"));
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  ajv.addFormat("date-time-rfc-2822", RFC_2822);
  // E.164; the spec also marks available numbers' `friendly_name` so, and its own example of
  // that is the national format "(800) 100-0052".
  ajv.addFormat("phone-number", /^\+[1-9]\d{1,14}$|^\(\d{3}\) \d{3}-\d{4}$/);
  ajv.addFormat("http-method", /^(GET|POST|PUT|DELETE|HEAD|PATCH)$/);
  ajv.addFormat("iso-country-code", /^[A-Z]{2}$/);
  for (const name of ["phone-number-capabilities", "uri-map", "currency", "int64", "int32"]) {
    ajv.addFormat(name, true);
  }
}
