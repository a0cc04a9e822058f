/**
 * What an event brings into a log line is the sender's text: a newline in an event_type could
 * forge a line of its own ("stored ... entity=FORGED"), a 200 KB field would make a 400 KB line, a
 * NUL byte turns the log into a binary file for grep. Every such field goes through logField:
 * control characters are written as escapes (\n, \t, \x00, \u2028) and the field is cut at
 * MAX_FIELD_CHARS, saying how long it was. Dead letters keep the original bytes; only the log is cut.
 */
export const MAX_FIELD_CHARS = 200;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/** C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the backslash (so an escape cannot be forged either). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/g;

function escape(character: string): string {
  const named = NAMED[character];
  if (named) return named;
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A field of a log line: escaped, and cut at MAX_FIELD_CHARS with its length shown ("…[+1,234 chars, 1,434 in all]"). */
export function logField(value: string, max = MAX_FIELD_CHARS): string {
  // never half a surrogate pair at the cut
  const end = value.length > max && /[\ud800-\udbff]/.test(value[max - 1]!) ? max - 1 : max;
  const cut = value.length > max ? value.slice(0, end) : value;
  const escaped = cut.replace(UNSAFE, escape);
  return value.length > max ? `${escaped}…[cut: ${value.length.toLocaleString('en-US')} chars in all]` : escaped;
}
