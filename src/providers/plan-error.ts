/**
 * An error the user fixes in an integration file: it names the file, the field and the fix.
 *
 * The dynamic-provider host logs every error from check, diff, read and delete as
 * `${err}: ${err.stack}` (@pulumi/pulumi cmd/dynamic-provider), which would print a stack trace
 * with the checkout's paths under a message that already says everything. This error has no
 * stack and prints as its message.
 */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanError";
    this.stack = "";
  }

  override toString(): string {
    return this.message;
  }
}
