/**
 * A Lambda handler built on its first invocation and reused while the function stays warm, so
 * importing an entry point (tests, bundling) needs no environment and no AWS clients.
 */
export function lazyHandler<E, C, R>(build: () => (event: E, context: C) => Promise<R>) {
  let built: ((event: E, context: C) => Promise<R>) | undefined;
  return async (event: E, context: C): Promise<R> => {
    built ??= build();
    return built(event, context);
  };
}
