import type { Finding, Rule } from "../rule";
import type { Integration } from "../schema";
import { formatPath } from "../yaml-path";
import { quoteValue } from "../yaml-value";

/** How a message names each hidden character; other C0 and C1 controls are "control character". */
const HIDDEN_NAMES: Readonly<Record<number, string>> = {
  0x00: "NUL", 0x09: "tab", 0x0a: "line break", 0x0d: "carriage return", 0x1b: "escape",
  0x7f: "delete", 0x85: "next line",
  0x061c: "Arabic letter mark",
  0x200b: "zero-width space", 0x200c: "zero-width non-joiner", 0x200d: "zero-width joiner",
  0x200e: "left-to-right mark", 0x200f: "right-to-left mark",
  0x202a: "left-to-right embedding", 0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting", 0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2060: "word joiner",
  0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate",
  0x2068: "first strong isolate", 0x2069: "pop directional isolate",
  0xfeff: "byte-order mark",
};

// C0 and C1 controls and the format characters named above. Tab and line break are allowed
// in the multi-line texts (MULTI_LINE_KEYS) and hidden everywhere else.
const HIDDEN = "\\0-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060"
  + "\\u2066-\\u2069\\ufeff";
const HIDDEN_IN_TEXT = new RegExp(`[${HIDDEN}]`, "g");
const HIDDEN_IN_LINE = new RegExp(`[${HIDDEN}\\t\\n]`, "g");
// The same without the global flag, for the one test nearly every text passes: the path to a
// text is built, and the text scanned, only when this finds something.
const ANY_HIDDEN_IN_TEXT = new RegExp(HIDDEN_IN_TEXT.source);
const ANY_HIDDEN_IN_LINE = new RegExp(HIDDEN_IN_LINE.source);

/** Keys whose texts may run over several lines: the messages, summary and explanations. */
const MULTI_LINE_KEYS = new Set(["summary", "messageSamples", "additionalInformation",
  "helpMessage", "confirmationMessage", "verbalScript", "reason"]);

// A zero-width joiner between two pictographs builds one emoji (a family, a rainbow flag).
const EMOJI_JOINER = /\p{Extended_Pictographic}(?:\u{fe0f}|[\u{1f3fb}-\u{1f3ff}])?\u200d$/u;
const PICTOGRAPH_NEXT = /^\p{Extended_Pictographic}/u;

interface Hidden {
  /** Index in the text, in UTF-16 code units. */
  index: number;
  code: number;
}

/** The hidden characters of `text`, in order, emoji joiners left out. */
function hiddenCharacters(text: string, pattern: RegExp): Hidden[] {
  const found: Hidden[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] === "\u200d" && joinsEmoji(text, match.index)) continue;
    found.push({ index: match.index, code: match[0].charCodeAt(0) });
  }
  return found;
}

function joinsEmoji(text: string, index: number): boolean {
  return EMOJI_JOINER.test(text.slice(Math.max(0, index - 4), index + 1))
    && PICTOGRAPH_NEXT.test(text.slice(index + 1, index + 3));
}

/** `U+200B`. */
function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

// The text around the character, each hidden character written as <U+XXXX>, so the message
// shows where it is and cannot itself be reordered by a bidi control.
const CONTEXT = 20;

function excerpt(text: string, at: number, pattern: RegExp): string {
  let start = Math.max(0, at - CONTEXT);
  let end = Math.min(text.length, at + 1 + CONTEXT);
  if (isLowSurrogate(text.charCodeAt(start))) start += 1;
  if (isLowSurrogate(text.charCodeAt(end))) end -= 1;
  const shown = text.slice(start, end).replace(pattern, (c, offset: number) =>
    c === "\u200d" && joinsEmoji(text, start + offset) ? c : `<${codePoint(c.charCodeAt(0))}>`);
  return `${start > 0 ? "…" : ""}${shown}${end < text.length ? "…" : ""}`;
}

// Cutting before a low surrogate would split an emoji or other astral character in two.
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function finding(path: string, text: string, pattern: RegExp): Finding | undefined {
  const [first, ...others] = hiddenCharacters(text, pattern);
  if (!first) return undefined;
  const position = [...text.slice(0, first.index)].length + 1;
  const more = others.length > 0 ? ` and ${others.length} more` : "";
  return { path,
    problem: `has the hidden character ${codePoint(first.code)} `
      + `(${HIDDEN_NAMES[first.code] ?? "control character"}) at character ${position}${more}: `
      + quoteValue(excerpt(text, first.index, pattern)),
    fix: "delete it: reviewers and recipients see the text as rendered, without it" };
}

/** Adds a finding for every text under `value` that holds a hidden character. */
function findHidden(value: unknown, segments: PropertyKey[], multiLine: boolean,
  findings: Finding[]): void {
  if (typeof value === "string") {
    if (!(multiLine ? ANY_HIDDEN_IN_TEXT : ANY_HIDDEN_IN_LINE).test(value)) return;
    const found = finding(formatPath(segments), value,
      multiLine ? HIDDEN_IN_TEXT : HIDDEN_IN_LINE);
    if (found) findings.push(found);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      findHidden(value[i], segments, multiLine, findings);
      segments.pop();
    }
  } else if (typeof value === "object" && value !== null) {
    for (const key in value) {
      segments.push(key);
      findHidden((value as Record<string, unknown>)[key], segments,
        multiLine || MULTI_LINE_KEYS.has(key), findings);
      segments.pop();
    }
  }
}

/**
 * No text carries a character that changes or hides what it says without showing: C0 and C1
 * controls, zero-width characters, the word joiner, byte-order marks and bidirectional
 * controls. Twilio's reviewers and the people texted see a text as rendered, so what was
 * submitted is not what they read: a bidi override reorders a link, a zero-width space splits
 * a word past every keyword check (ours included). Such characters come with text pasted from
 * word processors, web pages and chat apps. Every text is checked: names, messages, URLs,
 * address, ids and numbers.
 *
 * Known shortcoming: the problem points at the start of the value and gives the character's
 * position in it, counted after the schema trimmed the value; pointing at the character's own
 * column would need the YAML node's source text, which rules do not see.
 */
export const noHiddenCharacters: Rule = {
  id: "no-hidden-characters",
  severity: "error",
  description: "No text holds a control, zero-width, byte-order-mark or bidi control "
    + "character (tabs and line breaks only in multi-line texts).",
  check: (integration: Integration) => {
    const findings: Finding[] = [];
    findHidden(integration, [], false, findings);
    return findings;
  },
};
