import twilio from "twilio";
import { describe, expect, it } from "vitest";

import { signWebhook } from "../../emulator/webhook-client";

// The worked example of Twilio's request-validation docs, twilio-reference.md 5.1.
const VECTOR = {
  token: "12345",
  url: "https://example.com/myapp.php?foo=1&bar=2",
  params: {
    CallSid: "CA1234567890ABCDE",
    Caller: "+14158675310",
    Digits: "1234",
    From: "+14158675310",
    To: "+18005551212",
  },
  signature: "L/OH5YylLD5NRKLltdqwSvS0BnU=",
};

describe("webhook signatures", () => {
  it("signs the reference vector to L/OH5YylLD5NRKLltdqwSvS0BnU=", () => {
    const signed = signWebhook(VECTOR.token, { url: VECTOR.url, method: "POST", params: VECTOR.params });
    expect(signed).toEqual({ url: VECTOR.url, signature: VECTOR.signature });
  });

  it("signs what twilio.validateRequest accepts, and nothing else", () => {
    const { signature } = signWebhook(VECTOR.token, {
      url: VECTOR.url, method: "POST", params: VECTOR.params,
    });
    expect(twilio.validateRequest(VECTOR.token, signature, VECTOR.url, VECTOR.params)).toBe(true);
    const tampered = { ...VECTOR.params, Digits: "1235" };
    expect(twilio.validateRequest(VECTOR.token, signature, VECTOR.url, tampered)).toBe(false);
  });

  it("leaves credentials in the URL out of the signed URL", () => {
    const signed = signWebhook(VECTOR.token, {
      url: "https://user:secret@example.com/myapp.php?foo=1&bar=2", method: "POST",
      params: VECTOR.params,
    });
    expect(signed).toEqual({ url: VECTOR.url, signature: VECTOR.signature });
  });

  it("keeps a non-standard port in the signed URL", () => {
    const url = "https://hooks.example.test:8443/sms/acme?stack=dev";
    const signed = signWebhook(VECTOR.token, { url, method: "POST", params: VECTOR.params });
    expect(signed.url).toBe(url);
    const expected = twilio.getExpectedTwilioSignature(VECTOR.token, url, VECTOR.params);
    expect(signed.signature).toBe(expected);
  });

  it("signs a GET over the URL with the parameters in its query and none appended", () => {
    const signed = signWebhook(VECTOR.token, {
      url: "https://example.com/myapp.php", method: "GET", params: { foo: "1", bar: "2" },
    });
    expect(signed).toEqual({ url: "https://example.com/myapp.php?foo=1&bar=2", signature: expect.any(String) });
    expect(twilio.validateRequest(VECTOR.token, signed.signature, signed.url, {})).toBe(true);
  });
});
