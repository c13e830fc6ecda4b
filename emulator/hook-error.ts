/** A refused test-hook request: answered as `{ "error": message }` with its status. */
export class HookError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HookError";
  }
}
