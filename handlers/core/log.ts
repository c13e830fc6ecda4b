import { Logger } from "@aws-lambda-powertools/logger";
import type { LogItem } from "@aws-lambda-powertools/logger";
import type { LogLevel } from "@aws-lambda-powertools/logger/types";

import { redactLogValue } from "./redact";

/** The fields of one log record. */
export type LogFields = Record<string, unknown>;

/**
 * What the handlers log through: Powertools' Logger on AWS and the local runtime's own logger
 * both fit it. Every implementation masks phone numbers and drops secret-looking keys.
 */
export interface HandlerLogger {
  debug(message: string, ...fields: LogFields[]): void;
  info(message: string, ...fields: LogFields[]): void;
  warn(message: string, ...fields: LogFields[]): void;
  error(message: string, ...fields: LogFields[]): void;
}

/** Options of {@link createHandlerLogger}. */
export interface HandlerLoggerOptions {
  /** The `service` field of every record, e.g. `sms-inbound`. */
  serviceName: string;
  /** Defaults to `POWERTOOLS_LOG_LEVEL`, else INFO. */
  logLevel?: LogLevel;
  /** Receives each record as one JSON line instead of stdout (tests, the local runtime). */
  write?: (line: string) => void;
}

/**
 * A Powertools logger for both runtimes: JSON records, phone numbers masked and secret-looking
 * keys redacted by the serializer itself (house rule: no tokens or numbers in logs).
 */
export function createHandlerLogger(options: HandlerLoggerOptions): Logger {
  const settings = {
    serviceName: options.serviceName,
    logLevel: options.logLevel,
    jsonReplacerFn: redactLogValue,
  };
  const write = options.write;
  return write ? new SinkLogger(settings, write) : new Logger(settings);
}

/** Writes records to a function; everything else is Powertools' own behaviour. */
class SinkLogger extends Logger {
  constructor(
    options: ConstructorParameters<typeof Logger>[0],
    private readonly sink: (line: string) => void,
  ) {
    super(options);
  }

  protected override printLog(_logLevel: number, log: LogItem): void {
    this.sink(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }
}
