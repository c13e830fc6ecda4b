import { seededRandom } from "./random";

/**
 * A fault injection rule. A request matches when its path starts with `path` or matches it as
 * a regular expression, and its method equals `method` (any, when absent); a matching request
 * is then hit with the given `probability` (0 to 1).
 */
export interface FaultRule {
  path?: string;
  method?: string;
  probability: number;
  /** Answer with this Twilio error status instead of processing the request. */
  status?: 429 | 500 | 503;
  /** Wait this long before answering (added up over every rule that hits). */
  latencyMs?: number;
  /**
   * Destroy the connection without an answer: `before` processing (nothing happened), or
   * `after` it (the request took effect, as a purchase whose answer was lost).
   */
  drop?: "before" | "after";
  /** Stop hitting after this many hits. */
  times?: number;
}

export interface FaultConfig {
  rules: FaultRule[];
  /** Seed for the dice, so a run with faults can be reproduced. */
  seed?: number;
}

/** What fault injection decided for one request. */
export interface FaultDecision {
  latencyMs: number;
  status?: 429 | 500 | 503;
  drop?: "before" | "after";
}

/**
 * Decides, per request, which faults hit: latency of every hitting rule adds up, and the first
 * hitting rule with a `status` or a `drop` decides the outcome.
 */
export class FaultInjector {
  private config: FaultConfig = { rules: [] };
  private hitCounts: number[] = [];
  private random: () => number = Math.random;

  configure(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.hitCounts = config.rules.map(() => 0);
    this.random = config.seed === undefined ? Math.random : seededRandom(config.seed);
  }

  current(): FaultConfig {
    return structuredClone(this.config);
  }

  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    this.config.rules.forEach((rule, i) => {
      if (!this.applies(rule, i, method, path)) return;
      const decides = (rule.status !== undefined || rule.drop !== undefined) &&
        decision.status === undefined && decision.drop === undefined;
      // A hit counts towards `times` only when it changed something.
      if (!decides && !rule.latencyMs) return;
      if (this.random() >= rule.probability) return;
      this.hitCounts[i] += 1;
      decision.latencyMs += rule.latencyMs ?? 0;
      if (!decides) return;
      if (rule.drop) decision.drop = rule.drop;
      else decision.status = rule.status;
    });
    return decision;
  }

  private applies(rule: FaultRule, i: number, method: string, path: string): boolean {
    if (rule.method && rule.method.toUpperCase() !== method) return false;
    if (rule.path && !pathMatches(rule.path, path)) return false;
    return rule.times === undefined || this.hitCounts[i] < rule.times;
  }
}

function pathMatches(pattern: string, path: string): boolean {
  if (path.startsWith(pattern)) return true;
  try {
    return new RegExp(pattern).test(path);
  } catch {
    return false;
  }
}
