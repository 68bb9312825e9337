/**
 * The one place where untrusted text (certificate subjects and SANs, tag values, load balancer, distribution and
 * account names) is made inert, one function per sink. Renderers call these and never escape on their own.
 * Each function is total: any string in, a safe string out, never a throw.
 */

/** C0 and C1 controls (CR and LF included), the Unicode line and paragraph separators, and the bidi controls. */
function isUnsafeCode(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** One character (code point) of the set above. */
export function isUnsafeCharacter(character: string): boolean {
  return isUnsafeCode(character.codePointAt(0) ?? 0);
}

/** Every unsafe character replaced; the set is all in the BMP, so code units suffice (every email line passes here). */
function replaceUnsafe(value: string, by: (character: string) => string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < value.length; i += 1) {
    if (!isUnsafeCode(value.charCodeAt(i))) continue;
    out += value.slice(start, i) + by(value[i]!);
    start = i + 1;
  }
  return start === 0 ? value : out + value.slice(start);
}

/** What stands in for a character that would break a line or reorder the text. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Plain-text email: one line per value, read left to right, exactly as a person sees it. */
export function emailText(value: string): string {
  return replaceUnsafe(value, () => REPLACEMENT_CHARACTER);
}

/**
 * Slack (AWS Chatbot `client-markdown`): `&`, `<` and `>` escaped, so `<!channel>`, `<@U123>` and `<url|text>`
 * are shown, not acted on; bare `@here`, `@channel` and `@everyone` broken with a zero-width space; backticks
 * replaced so a value cannot close our inline code spans; line breaks and bidi controls as for email.
 */
export function slackText(value: string): string {
  return emailText(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/`/g, "'")
    .replace(/@(here|channel|everyone)\b/gi, '@\u200B$1');
}

/** The SNS Subject: printable ASCII only (SNS refuses line breaks), accents transliterated, spaces collapsed. */
export function subjectText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SAFE_SHELL_WORD = /^[A-Za-z0-9_./:=@+-]+$/;

/**
 * One shell word that a person can paste: safe words stay bare, others are single-quoted (POSIX). A value with a
 * control character or line break is written as ANSI-C `$'…'` with escapes (bash, zsh), so a command is always one
 * line and still names the exact value.
 */
export function shellWord(value: string): string {
  if (SAFE_SHELL_WORD.test(value)) return value;
  if (![...value].some(isUnsafeCharacter)) return `'${value.replace(/'/g, `'\\''`)}'`;
  const escape = (c: string): string => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  };
  return `$'${replaceUnsafe(value.replace(/[\\']/g, '\\$&'), escape)}'`;
}

/** The JSON report keeps the raw value: `JSON.stringify` escapes it, and machines need the exact string. */
export function jsonRaw(value: string): string {
  return value;
}
