import { z } from "zod";

import type { EmulatorContext } from "./context";
import { conversationLog } from "./conversation";
import type { FaultInjector } from "./faults";
import { HookError } from "./hook-error";
import { deliverInbound } from "./inbound";
import type { RequestLog } from "./request-log";
import { renderVerification } from "./resources/verifications";
import { VERIFICATION_STATUSES } from "./resources/verification-fields";
import { applyReview } from "./review";
import { describeZodError } from "./schema-errors";
import { applySeed, seedSchema } from "./seed";
import type { StateSnapshot } from "./store";

/** What the test hooks reach besides the shared context. */
export interface HookHost {
  ctx: EmulatorContext;
  log: RequestLog;
  faults: FaultInjector;
  /** Back to the state the emulator started with (inventory and start-up seed). */
  reset(): void;
  restore(snapshot: StateSnapshot): void;
}

export interface HookRequest {
  method: string;
  /** The path after `/_emulator/`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface HookResult {
  status: number;
  body?: unknown;
}

type Hook = (
  host: HookHost,
  req: HookRequest,
  params: string[],
) => HookResult | Promise<HookResult>;

const reviewSchema = z.strictObject({
  status: z.enum(VERIFICATION_STATUSES),
  rejectionReasons: z
    .array(z.union([
      z.number().int(),
      z.strictObject({ code: z.number().int(), reason: z.string().optional() }),
    ]))
    .optional(),
  editAllowed: z.boolean().optional(),
  editExpiration: z.iso.datetime().optional(),
});

const inboundSchema = z.strictObject({
  to: z.string(),
  from: z.string(),
  body: z.string().default(""),
  mediaUrls: z.array(z.url()).optional(),
});

const faultsSchema = z.strictObject({
  rules: z.array(z.strictObject({
    path: z.string().optional(),
    method: z.string().optional(),
    probability: z.number().min(0).max(1),
    status: z.union([z.literal(429), z.literal(500), z.literal(503)]).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    drop: z.enum(["before", "after"]).optional(),
    times: z.number().int().min(1).optional(),
  })),
  seed: z.number().int().optional(),
});

const snapshotSchema = z.looseObject({
  version: z.literal(1),
  seq: z.number().int().min(0),
  ...Object.fromEntries(
    ["inventory", "phoneNumbers", "verifications", "messages", "deliveries", "networkReplies",
      "optOuts", "services", "applications", "apiKeys"].map((key) => [key, z.array(z.unknown())]),
  ),
});

function parse<T extends z.ZodType>(schema: T, body: unknown, root: string): z.output<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new HookError(400, describeZodError(result.error, root));
  return result.data;
}

/** The `since` query parameter: a whole number, or absent. */
function sinceOf(query: URLSearchParams): number | undefined {
  const text = query.get("since");
  if (text === null) return undefined;
  if (!/^\d+$/.test(text)) throw new HookError(400, `since must be a whole number, got '${text}'`);
  return Number(text);
}

const HOOKS: Array<[string, RegExp, Hook]> = [
  ["GET", /^$/, () => ({ status: 200, body: { hooks: HOOK_INDEX } })],
  ["POST", /^reset$/, (host) => {
    host.reset();
    return { status: 200, body: { reset: true } };
  }],
  ["POST", /^seed$/, (host, req) => ({
    status: 200,
    body: applySeed(host.ctx, parse(seedSchema, req.body, "seed")),
  })],
  ["POST", /^verifications\/([^/]+)\/review$/, (host, req, [sid]) => {
    const decision = parse(reviewSchema, req.body, "review");
    const record = host.ctx.store.verifications.get(sid);
    if (!record) throw new HookError(404, `verification ${sid} does not exist`);
    host.ctx.cancelReview(sid);
    applyReview(record, {
      ...decision,
      rejectionReasons: decision.rejectionReasons?.map((r) => (typeof r === "number" ? { code: r } : r)),
    });
    return { status: 200, body: renderVerification(record, host.ctx.settings.accountSid) };
  }],
  ["POST", /^inbound$/, async (host, req) => ({
    status: 200,
    body: await deliverInbound(host.ctx, parse(inboundSchema, req.body, "inbound")),
  })],
  ["GET", /^messages$/, (host, req) => {
    const messages = conversationLog(host.ctx.store, {
      number: req.query.get("number") ?? undefined,
      since: sinceOf(req.query),
    });
    return { status: 200, body: { messages } };
  }],
  ["GET", /^requests$/, (host, req) => ({
    status: 200,
    body: { requests: host.log.since(sinceOf(req.query)), nextIndex: host.log.nextIndex },
  })],
  ["DELETE", /^requests$/, (host) => {
    host.log.clear();
    return { status: 200, body: { nextIndex: host.log.nextIndex } };
  }],
  ["GET", /^faults$/, (host) => ({ status: 200, body: host.faults.current() })],
  ["POST", /^faults$/, (host, req) => {
    host.faults.configure(parse(faultsSchema, req.body, "faults"));
    return { status: 200, body: host.faults.current() };
  }],
  ["DELETE", /^faults$/, (host) => {
    host.faults.configure({ rules: [] });
    return { status: 200, body: host.faults.current() };
  }],
  ["GET", /^state$/, (host) => ({ status: 200, body: host.ctx.store.snapshot() })],
  ["PUT", /^state$/, (host, req) => {
    host.restore(parse(snapshotSchema, req.body, "state") as unknown as StateSnapshot);
    return { status: 200, body: { restored: true } };
  }],
];

const HOOK_INDEX = HOOKS.map(([method, pattern]) => `${method} /_emulator/${pattern.source
  .replace(/^\^|\$$/g, "").replace("([^/]+)", "{sid}").replace(/\\\//g, "/")}`);

/** Runs a test hook; unknown hooks are 404, refusals `{ error }` with their status. */
export async function runHook(host: HookHost, req: HookRequest): Promise<HookResult> {
  let pathKnown = false;
  for (const [method, pattern, hook] of HOOKS) {
    const match = pattern.exec(req.path);
    if (!match) continue;
    pathKnown = true;
    if (method !== req.method) continue;
    try {
      return await hook(host, req, match.slice(1));
    } catch (error) {
      if (!(error instanceof HookError)) throw error;
      return { status: error.status, body: { error: error.message } };
    }
  }
  return pathKnown
    ? { status: 405, body: { error: `${req.method} is not allowed on /_emulator/${req.path}` } }
    : { status: 404, body: { error: `no test hook /_emulator/${req.path}; see GET /_emulator/` } };
}
