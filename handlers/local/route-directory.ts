import { promises as fs } from "node:fs";
import path from "node:path";

import { routeProblem } from "../core/routes";
import type { Route, RouteStore } from "../core/routes";

/** The file that holds the route of `phoneNumber` inside a route directory. */
export function routeFilePath(directory: string, phoneNumber: string): string {
  if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) {
    throw new Error(`route phone number "${phoneNumber}" is not E.164 (+ and 7-15 digits)`);
  }
  return path.join(directory, `${phoneNumber}.json`);
}

/**
 * Writes one route file atomically (temporary file, then rename), so a running local runtime
 * never reads half a file. The Pulumi program calls this for each integration of the dev stack.
 */
export async function writeRouteFile(directory: string, route: Route): Promise<void> {
  const problem = routeProblem(route);
  if (problem) throw new Error(`route for integration "${route.integration}": ${problem}`);

  const target = routeFilePath(directory, route.phoneNumber);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await fs.mkdir(directory, { recursive: true });
  await fs.writeFile(temporary, `${JSON.stringify(route, null, 2)}\n`, "utf8");
  await fs.rename(temporary, target);
}

/** Removes the route file of `phoneNumber`; a missing file is not an error. */
export async function removeRouteFile(directory: string, phoneNumber: string): Promise<void> {
  await fs.rm(routeFilePath(directory, phoneNumber), { force: true });
}

interface CachedRoute {
  mtimeMs: number;
  size: number;
  route: Route;
}

/**
 * Routes kept as one JSON file per toll-free number (`<E.164>.json`) in a directory. Each lookup
 * checks the file's modification time and re-reads it when it changed, so routes written or
 * removed while the local runtime runs take effect on the next message, without a restart.
 */
export class JsonDirectoryRouteStore implements RouteStore {
  private readonly cache = new Map<string, CachedRoute>();

  constructor(readonly directory: string) {}

  async get(phoneNumber: string): Promise<Route | undefined> {
    if (!/^\+[1-9]\d{6,14}$/.test(phoneNumber)) return undefined;

    const file = routeFilePath(this.directory, phoneNumber);
    const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") return undefined;
      throw err;
    });
    if (!stat) {
      this.cache.delete(phoneNumber);
      return undefined;
    }

    const cached = this.cache.get(phoneNumber);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.route;
    const route = await readRoute(file, phoneNumber);
    this.cache.set(phoneNumber, { mtimeMs: stat.mtimeMs, size: stat.size, route });
    return route;
  }
}

async function readRoute(file: string, phoneNumber: string): Promise<Route> {
  let value: unknown;
  try {
    value = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message}); rewrite it with ` +
      "`pulumi up` or delete it");
  }

  const problem = routeProblem(value);
  if (problem) throw new Error(`${file}: ${problem}; rewrite it with \`pulumi up\``);
  const route = value as Route;
  if (route.phoneNumber !== phoneNumber) {
    throw new Error(`${file}: phoneNumber is ${route.phoneNumber}, expected ${phoneNumber} ` +
      "from the file name");
  }
  return route;
}
