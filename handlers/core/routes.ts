/**
 * Where messages to one toll-free number go. The Pulumi program writes one route per
 * integration file, so adding or removing an integration changes routing without new code.
 */
export interface Route {
  /** The integration's toll-free number in E.164, the `To` of inbound messages. */
  phoneNumber: string;
  /** The integration name (the integration file's name). */
  integration: string;
  /** The chat agent id from the integration's agent binding. */
  agentId: string;
  /** The integration's help text, sent when a sender texts HELP or INFO. */
  helpMessage: string;
}

/** Looks routes up by toll-free number. */
export interface RouteStore {
  /** The route of `phoneNumber`, or undefined when no integration owns the number. */
  get(phoneNumber: string): Promise<Route | undefined>;
}

/** A route store held in memory, for tests and for callers that already hold every route. */
export class InMemoryRouteStore implements RouteStore {
  private readonly routes = new Map<string, Route>();

  constructor(routes: Iterable<Route> = []) {
    for (const route of routes) this.put(route);
  }

  async get(phoneNumber: string): Promise<Route | undefined> {
    return this.routes.get(phoneNumber);
  }

  /** Adds or replaces the route of `route.phoneNumber`. */
  put(route: Route): void {
    this.routes.set(route.phoneNumber, { ...route });
  }

  /** Removes the route of `phoneNumber`, if any. */
  delete(phoneNumber: string): void {
    this.routes.delete(phoneNumber);
  }
}

/** Checks that parsed JSON is a complete route; returns a one-line problem or undefined. */
export function routeProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "expected a JSON object";

  const record = value as Record<string, unknown>;
  const fields: (keyof Route)[] = ["phoneNumber", "integration", "agentId", "helpMessage"];
  const missing = fields.filter((field) => typeof record[field] !== "string" || !record[field]);
  if (missing.length > 0) return `missing or empty string field(s): ${missing.join(", ")}`;
  if (!/^\+[1-9]\d{6,14}$/.test(record.phoneNumber as string)) {
    return `phoneNumber "${String(record.phoneNumber)}" is not E.164 (+ and 7-15 digits)`;
  }
  return undefined;
}
