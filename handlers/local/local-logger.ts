import pino from "pino";
import type { DestinationStream, Level } from "pino";

import type { HandlerLogger, LogFields } from "../core/log";
import { maskPhones, redactLogFields } from "../core/redact";

/** Options of {@link createLocalLogger}. */
export interface LocalLoggerOptions {
  /** The `service` field of every record. */
  serviceName: string;
  /** Defaults to `info`. */
  level?: Extract<Level, "debug" | "info" | "warn" | "error">;
  /** Where the JSON lines go; defaults to stdout (see {@link createLocalLogger}). */
  destination?: DestinationStream;
}

/** A local logger and the way to write out what it still holds. */
export interface LocalLogger extends HandlerLogger {
  /** Writes buffered lines out; the runtime calls it when it closes. */
  flush(): void;
}

/**
 * The local runtime's logger: pino writing the records the Powertools logger writes on AWS
 * (`level`, `message`, `timestamp`, `service` and the fields, numbers masked, secrets dropped)
 * as JSON lines. Powertools builds each record through several layers and wrote one line for
 * about what the rest of a webhook answer costs; pino writes it for a fraction of that.
 *
 * Lines go to `process.stdout`, which Node writes synchronously to a file or terminal and
 * asynchronously to a pipe or socket ("A note on process I/O" in Node's process docs). pino's
 * asynchronous file destination handed each line to libuv's thread pool, which under load cost
 * the webhook about a tenth of its time; a synchronous write to a pipe whose reader stops
 * reading (`| tee`, a log collector) would block the event loop until it drains, and Twilio
 * gives up on a webhook after 15 s.
 */
export function createLocalLogger(options: LocalLoggerOptions): LocalLogger {
  const logger = pino({
    level: options.level ?? "info",
    base: { service: options.serviceName },
    messageKey: "message",
    timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
    formatters: {
      level: (label) => ({ level: label.toUpperCase() }),
      log: (fields) => redactLogFields(fields),
    },
  }, options.destination ?? process.stdout);

  const method = (level: "debug" | "info" | "warn" | "error") =>
    (message: string, ...fields: LogFields[]) => {
      if (!logger.isLevelEnabled(level)) return;
      logger[level](Object.assign({}, ...fields) as LogFields, maskPhones(message));
    };
  return { debug: method("debug"), info: method("info"), warn: method("warn"),
    error: method("error"), flush: () => logger.flush() };
}
