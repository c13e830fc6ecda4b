/**
 * Which stacks a change touches, for the workflows' per-stack preview and up. Every stack
 * deploys every integration and the same program, so a change touches them all, except:
 * `stacks/Pulumi.<stack>.yaml` touches only its stack, and files that never reach a
 * deployment (documentation, tests, workflows) touch none. The local `dev` stack is never
 * deployed from CI.
 *
 * Known shortcoming: a sharded stack (`sms-integrations:shard`) is previewed for an
 * integration file it does not own; its preview then shows no change. Reading each stack's
 * shard config here would remove that.
 */

/** The stack that only runs on a developer's machine. */
export const LOCAL_STACK = "dev";

/** Paths that cannot change what a stack deploys. */
const INERT = [/^docs\//, /^test\//, /^bench\//, /^\.github\//, /\.md$/, /^\.ci\//,
  /^\.gitignore$/, /^eslint\.config\.mjs$/, /^vitest\.config\.mts$/];

const STACK_FILE = /^stacks\/Pulumi\.([^/]+)\.ya?ml$/;

/** The stacks of the `stacks/` folder's file names, in deploy order, without `dev`. */
export function deployedStacks(stackFiles: string[]): string[] {
  const names = stackFiles.map((f) => STACK_FILE.exec(`stacks/${f}`)?.[1])
    .filter((n): n is string => n !== undefined && n !== LOCAL_STACK);
  // Production stacks go last, so a change reaches every other stack first.
  const isProduction = (name: string) => /prod/.test(name);
  return [...new Set(names)].sort((a, b) =>
    Number(isProduction(a)) - Number(isProduction(b)) || a.localeCompare(b));
}

/** The deployed stacks, in deploy order, that a change of `changedFiles` touches. */
export function stacksTouched(changedFiles: string[], stacks: string[]): string[] {
  const touched = new Set<string>();
  for (const file of changedFiles) {
    const stackFile = STACK_FILE.exec(file);
    if (stackFile) touched.add(stackFile[1]!);
    else if (!INERT.some((pattern) => pattern.test(file))) return stacks;
  }
  return stacks.filter((s) => touched.has(s));
}
