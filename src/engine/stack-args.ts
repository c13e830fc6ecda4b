/** The stack a local run uses when the command line names none. */
export const DEFAULT_STACK = "dev";

/**
 * The stack named by pulumi arguments (`--stack x`, `--stack=x`, `-s x`), or undefined.
 * Arguments are otherwise passed to pulumi unchanged.
 */
export function stackFromArgs(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--stack" || arg === "-s") return args[i + 1];
    if (arg.startsWith("--stack=")) return arg.slice("--stack=".length);
  }
  return undefined;
}
