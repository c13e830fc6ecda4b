/** One `<Message>` of a TwiML answer: Twilio sends it as an outbound reply. */
export interface TwimlMessage {
  body: string;
  to?: string;
  from?: string;
}

const MESSAGE = /<Message\b([^>]*?)(?:\/>|>([\s\S]*?)<\/Message>)/g;
const BODY = /<Body>([\s\S]*?)<\/Body>/;
const ATTRIBUTE = /(\w+)\s*=\s*"([^"]*)"/g;

/**
 * The `<Message>` verbs of a messaging TwiML answer, as `<Message>text</Message>` or
 * `<Message><Body>text</Body></Message>`, with their `to`/`from` attributes.
 *
 * Known shortcoming: a pattern scan, not an XML parser; it ignores `<Redirect>`, `<Media>` and
 * nesting errors that Twilio would report as 12100. An XML parser would remove it.
 */
export function parseTwimlMessages(twiml: string): TwimlMessage[] {
  if (!/<Response\b/.test(twiml)) return [];
  return [...twiml.matchAll(MESSAGE)].map(([, attributes, inner = ""]) => {
    const text = textOf(BODY.exec(inner)?.[1] ?? inner);
    const attrs = Object.fromEntries(
      [...attributes.matchAll(ATTRIBUTE)].map(([, name, value]) => [name, decodeXml(value)]),
    );
    return { body: text, to: attrs.to, from: attrs.from };
  });
}

function textOf(inner: string): string {
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(inner);
  return cdata ? cdata[1] : decodeXml(inner.replace(/<[^>]+>/g, "").trim());
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}
