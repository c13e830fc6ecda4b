// The GSM 03.38 basic character set and its extension table (each extension char costs two).
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ" +
  "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

/**
 * How many SMS segments a body takes: GSM-7 fits 160 characters in one segment and 153 per
 * segment when concatenated; anything outside GSM-7 is UCS-2 with 70 and 67 (Twilio's
 * "What the heck is a segment" guide). Characters are counted as UTF-16 code units.
 */
export function segmentCount(body: string): number {
  if (body.length === 0) return 1;
  let septets = 0;
  for (const char of body) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}
