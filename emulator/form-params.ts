import { badRequest } from "./twilio-error";

/**
 * Parameters of a form-encoded body or a query string, keeping repeated keys: twilio-node sends
 * lists as repeated keys (`UseCaseCategories=A&UseCaseCategories=B`, qs `arrayFormat: "repeat"`)
 * and booleans as the strings `true` / `false`.
 */
export class FormParams {
  private readonly values = new Map<string, string[]>();

  constructor(search: URLSearchParams = new URLSearchParams()) {
    for (const [name, value] of search) {
      const list = this.values.get(name);
      if (list) list.push(value);
      else this.values.set(name, [value]);
    }
  }

  /** Parses `a=1&b=2&b=3` as a form body or a query string. */
  static parse(text: string): FormParams {
    return new FormParams(new URLSearchParams(text));
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The last value of a parameter, as Twilio takes a scalar that was sent twice. */
  get(name: string): string | undefined {
    const list = this.values.get(name);
    return list ? list[list.length - 1] : undefined;
  }

  getAll(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** A boolean parameter; anything but `true`/`false` (any case) is a 400. */
  getBoolean(name: string): boolean | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
    throw badRequest(`${name} must be true or false, got '${value}'`);
  }

  /** An integer parameter within bounds, or a 400 naming it. */
  getInteger(name: string, min: number, max: number): number | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw badRequest(`${name} must be an integer from ${min} to ${max}, got '${value}'`);
    }
    return number;
  }

  /** Every parameter as a plain object, lists for repeated keys. */
  toObject(): Record<string, string | string[]> {
    const result: Record<string, string | string[]> = {};
    for (const [name, list] of this.values) result[name] = list.length === 1 ? list[0] : [...list];
    return result;
  }
}
