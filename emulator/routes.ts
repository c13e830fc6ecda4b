import type { ApiHandler } from "./context";
import { searchAvailableNumbers } from "./resources/available-phone-numbers";
import {
  createPhoneNumber, fetchPhoneNumber, listPhoneNumbers, releasePhoneNumber, updatePhoneNumber,
} from "./resources/incoming-phone-numbers";
import { createMessage, fetchMessage, listMessages } from "./resources/messages";
import { fetchService, listServiceNumbers, listServices } from "./resources/services";
import {
  createVerification, deleteVerification, fetchVerification, listVerifications,
  updateVerification,
} from "./resources/verifications";

interface Route {
  method: string;
  pattern: RegExp;
  handler: ApiHandler;
}

const ACCOUNT = "^/2010-04-01/Accounts/(?<accountSid>[^/]+)";
const NUMBERS = `${ACCOUNT}/IncomingPhoneNumbers`;
const AVAILABLE = `${ACCOUNT}/AvailablePhoneNumbers/(?<country>[^/]+)`;
const TFV = "^/v1/Tollfree/Verifications";
const SERVICES = "^/v1/Services";

const route = (method: string, pattern: string, handler: ApiHandler): Route => ({
  method, pattern: new RegExp(`${pattern}$`), handler,
});

/**
 * The Twilio endpoints the emulator serves, with Twilio's paths: api.twilio.com 2010-04-01
 * (`.json` suffix) and messaging.twilio.com v1 share one origin, told apart by path.
 */
const ROUTES: Route[] = [
  route("GET", `${AVAILABLE}/TollFree\\.json`, searchAvailableNumbers("tollfree")),
  route("GET", `${AVAILABLE}/Local\\.json`, searchAvailableNumbers("local")),
  route("GET", `${NUMBERS}/TollFree\\.json`, listPhoneNumbers("tollfree")),
  route("POST", `${NUMBERS}/TollFree\\.json`, createPhoneNumber("tollfree")),
  route("GET", `${NUMBERS}\\.json`, listPhoneNumbers("all")),
  route("POST", `${NUMBERS}\\.json`, createPhoneNumber("all")),
  route("GET", `${NUMBERS}/(?<sid>[^/]+)\\.json`, fetchPhoneNumber),
  route("POST", `${NUMBERS}/(?<sid>[^/]+)\\.json`, updatePhoneNumber),
  route("DELETE", `${NUMBERS}/(?<sid>[^/]+)\\.json`, releasePhoneNumber),
  route("GET", `${ACCOUNT}/Messages\\.json`, listMessages),
  route("POST", `${ACCOUNT}/Messages\\.json`, createMessage),
  route("GET", `${ACCOUNT}/Messages/(?<sid>[^/]+)\\.json`, fetchMessage),
  route("GET", TFV, listVerifications),
  route("POST", TFV, createVerification),
  route("GET", `${TFV}/(?<sid>[^/]+)`, fetchVerification),
  route("POST", `${TFV}/(?<sid>[^/]+)`, updateVerification),
  route("DELETE", `${TFV}/(?<sid>[^/]+)`, deleteVerification),
  route("GET", SERVICES, listServices),
  route("GET", `${SERVICES}/(?<sid>[^/]+)`, fetchService),
  route("GET", `${SERVICES}/(?<sid>[^/]+)/PhoneNumbers`, listServiceNumbers),
];

export type RouteMatch =
  | { kind: "found"; handler: ApiHandler; params: Record<string, string> }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

/** The first route for the path and method; whether the path exists for another method. */
export function matchRoute(method: string, path: string): RouteMatch {
  let pathExists = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    if (candidate.method === method) {
      return { kind: "found", handler: candidate.handler, params: { ...match.groups } };
    }
    pathExists = true;
  }
  return pathExists ? { kind: "method-not-allowed" } : { kind: "not-found" };
}
