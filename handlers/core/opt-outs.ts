/**
 * Opt-outs per (toll-free number, sender). Twilio and the toll-free network keep their own
 * block list; this copy lets the handlers skip the agent and the HELP text for a sender who
 * texted STOP, so STOP wins over any conversation state (field case F16).
 */
export interface OptOutStore {
  isOptedOut(phoneNumber: string, sender: string): Promise<boolean>;
  optOut(phoneNumber: string, sender: string): Promise<void>;
  optIn(phoneNumber: string, sender: string): Promise<void>;
}

/** The key of one (toll-free number, sender) pair, shared by every store implementation. */
export function optOutKey(phoneNumber: string, sender: string): string {
  return `${phoneNumber}#${sender}`;
}

/** Opt-outs held in memory: the local runtime's store and the tests'. */
export class InMemoryOptOutStore implements OptOutStore {
  private readonly keys = new Set<string>();

  async isOptedOut(phoneNumber: string, sender: string): Promise<boolean> {
    return this.keys.has(optOutKey(phoneNumber, sender));
  }

  async optOut(phoneNumber: string, sender: string): Promise<void> {
    this.keys.add(optOutKey(phoneNumber, sender));
  }

  async optIn(phoneNumber: string, sender: string): Promise<void> {
    this.keys.delete(optOutKey(phoneNumber, sender));
  }
}
