/**
 * Thrown by a command to end the CLI with an exit code. The message, when there is one, has
 * already been printed or is printed by {@link main} as is; no stack trace is shown.
 */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message = "",
  ) {
    super(message);
    this.name = "ExitError";
  }
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** The command ran and found problems (for example an invalid integration file). */
  problems: 1,
  /** The command line itself was wrong. */
  usage: 2,
  /** Something failed that the user could not have caused: a bug or the environment. */
  internal: 70,
} as const;
