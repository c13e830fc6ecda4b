import { createHash } from "node:crypto";

import type * as pulumi from "@pulumi/pulumi";

import type { LoadedIntegration } from "../integration/loader";

/**
 * Which integrations a stack owns when one repository's integrations are split across several
 * stacks of the project, so each stack stays small enough to preview quickly. Stack config
 * `sms-integrations:shard: {count: 4, index: 0}` gives the stack the integrations whose name
 * hashes to `index` modulo `count`. Without it, the stack owns every integration.
 */
export interface Shard {
  count: number;
  index: number;
}

/** Reads and checks the `shard` stack config. */
export function readShard(config: pulumi.Config): Shard | undefined {
  return parseShard(config.getObject<Shard>("shard"));
}

/** Checks a `shard` value as stack config holds it. */
export function parseShard(shard: Shard | undefined): Shard | undefined {
  if (!shard) return undefined;

  const { count, index } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 ||
      index >= count) {
    throw new Error(
      `stack config sms-integrations:shard is ${JSON.stringify(shard)}; set it to ` +
        "{count: N, index: I} with whole numbers, N >= 1 and 0 <= I < N.",
    );
  }
  return shard;
}

/** The shard an integration belongs to: a stable hash of its name, never of its position. */
export function shardOf(name: string, count: number): number {
  const digest = createHash("sha256").update(name).digest();
  return digest.readUInt32BE(0) % count;
}

/** The integrations of one shard, or all of them when the stack is not sharded. */
export function integrationsOfShard(
  integrations: LoadedIntegration[],
  shard: Shard | undefined,
): LoadedIntegration[] {
  if (!shard) return integrations;
  return integrations.filter((item) => shardOf(item.name, shard.count) === shard.index);
}
