/**
 * Turns the bytes of an integration file into text, refusing what no integration file can be:
 * too large, not UTF-8, or empty. Each refusal is a one-line explanation with its fix.
 */

/**
 * Largest integration file accepted. A real one is 3-5 KB; the limit keeps a mistaken path
 * (a log, a binary) from being read into memory and parsed.
 */
export const MAX_FILE_BYTES = 256 * 1024;

/** The file's text, or why there is none. */
export type SourceText =
  | { ok: true; text: string }
  | { ok: false; rule: string; message: string; line?: number; column?: number };

/**
 * Decodes `bytes` as strict UTF-8 (a leading byte-order mark is dropped). `size` is the file's
 * size, for callers that do not read a file past {@link MAX_FILE_BYTES}.
 */
export function decodeSource(bytes: Uint8Array, size = bytes.byteLength): SourceText {
  if (size > MAX_FILE_BYTES) {
    return { ok: false, rule: "file-too-large", message: `file is ${size} bytes, `
      + `over the ${MAX_FILE_BYTES}-byte limit for an integration file; check the path, an `
      + "integration file is a few kilobytes of YAML" };
  }

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = invalidUtf8Position(bytes);
    return { ok: false, rule: "file-encoding", ...at, message: `file is not valid UTF-8 `
      + `(first bad byte at line ${at.line}, column ${at.column}); save it as UTF-8` };
  }

  if (text.trim() === "") {
    return { ok: false, rule: "file-empty", message: "file is empty; write an integration "
      + "(apiVersion, kind, metadata, spec) or delete the file" };
  }
  return { ok: true, text };
}

// Finds where UTF-8 breaks, to point the user at it. A prefix decodes (as a stream, so a
// character cut at its end is fine) exactly when the break lies beyond it: binary search.
function invalidUtf8Position(bytes: Uint8Array): { line: number; column: number } {
  let low = 0;
  let high = bytes.byteLength;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (decodesAsPrefix(bytes.subarray(0, mid))) low = mid;
    else high = mid - 1;
  }

  const before = new TextDecoder("utf-8").decode(bytes.subarray(0, low), { stream: true });
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function decodesAsPrefix(prefix: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}
