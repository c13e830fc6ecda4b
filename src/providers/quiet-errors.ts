import type * as pulumi from "@pulumi/pulumi";

import { PlanError } from "./plan-error";
import { messageOf, twilioCode } from "./twilio-error";

/**
 * Wraps a provider so that the errors a user acts on (a {@link PlanError}, a Twilio API error, a
 * missing credential) reach the engine as one line each, without a stack trace. Anything else
 * is a defect here and keeps its stack.
 */
export function withQuietErrors<I, O>(
  provider: pulumi.dynamic.ResourceProvider<I, O>,
): pulumi.dynamic.ResourceProvider<I, O> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(provider)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (err) {
        throw isExpected(err) ? new PlanError(messageOf(err)) : err;
      }
    };
  }
  return wrapped as unknown as pulumi.dynamic.ResourceProvider<I, O>;
}

function isExpected(err: unknown): boolean {
  if (err instanceof PlanError || twilioCode(err) !== undefined) return true;
  return err instanceof Error && /^Twilio credentials|TWILIO_/.test(err.message);
}
