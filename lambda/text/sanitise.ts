/**
 * The one place where untrusted text (certificate subjects and SANs, tag values, load balancer, distribution and
 * account names) is made inert, one function per sink. Renderers call these and never escape on their own.
 * Each function is total: any string in, a safe string out, never a throw.
 */

/** C0 and C1 controls (CR and LF included), the Unicode line and paragraph separators, and the bidi controls. */
const BREAKING = '\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';

/**
 * Characters nobody sees, with which `acme\u200B-prod` looks like `acme-prod`: the soft hyphen, the Arabic letter
 * mark, the Mongolian vowel separator, the zero-width space, joiners and directional marks, the word joiner and
 * invisible operators, the byte order mark, and the tag characters.
 */
const INVISIBLE = '\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u2060-\\u2064\\uFEFF\\u{E0000}-\\u{E007F}';

const UNSAFE = `[${BREAKING}${INVISIBLE}]`;
const EVERY_UNSAFE = new RegExp(UNSAFE, 'gu');
const HAS_UNSAFE = new RegExp(UNSAFE, 'u');
const ONE_UNSAFE = new RegExp(`^${UNSAFE}$`, 'u');
const ONE_BREAKING = new RegExp(`^[${BREAKING}]$`, 'u');
const EVERY_INVISIBLE = new RegExp(`[${INVISIBLE}]`, 'gu');

/** One character (code point) that would break a line, reorder the text or hide in it. */
export function isUnsafeCharacter(character: string): boolean {
  return ONE_UNSAFE.test(character);
}

/** What stands in for a character that would break a line or reorder the text. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** `<U+200B>`: an invisible character named where it stands, so two names that differ by one look different. */
function codePointLabel(character: string): string {
  const hex = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `<U+${hex}>`;
}

/** Plain-text email: one line per value, read left to right, exactly as a person sees it, hidden characters named. */
export function emailText(value: string): string {
  return value.replace(EVERY_UNSAFE, (c) => (ONE_BREAKING.test(c) ? REPLACEMENT_CHARACTER : codePointLabel(c)));
}

/**
 * What Slack could read in a value as formatting (`*b*`, `_i_`, `~s~`), an emoji (`:name:`), a mention or a
 * channel (`@name`, `#name`), or a link (`scheme://…`, a domain name or an e-mail address such as `evil.example`).
 */
const SLACK_MARKUP = /[*_~@]|:[\w+'-]+:|#\w|:\/\/|\w\.[a-z]/i;

/**
 * Slack (AWS Chatbot `client-markdown`, which Chatbot renders as Slack's own markdown:
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html). Slack has no backslash escape for
 * `*`, `_` or `~` (https://api.slack.com/reference/surfaces/formatting: only `&`, `<` and `>` are
 * escaped), so a value with anything Slack could format or link is put in an inline code span, where Slack formats
 * nothing; and since Slack detects URLs on its side (https://api.slack.com/docs/formatting), `://` is shown as
 * `[:]//` too, so no chat client can make a link of it even inside code. Other values stay plain, to keep the
 * message readable. `&`, `<` and `>` are escaped, so `<!channel>`, `<@U123>` and `<url|text>` are shown, not
 * acted on; `@here`, `@channel` and `@everyone` are shown as `[@]here`; a backtick becomes `'` so a value cannot
 * close its span; line breaks, bidi controls and invisible characters as for email. `code` puts every value in a
 * span (certificate names); `context` never does, for `additionalContext`, whose values custom actions take as
 * variables (https://docs.aws.amazon.com/chatbot/latest/APIReference/API_CustomActionAttachment.html).
 */
export function slackText(value: string, form: 'text' | 'code' | 'context' = 'text'): string {
  const text = emailText(value);
  const inert = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/`/g, "'")
    .replace(/:\/\//g, '[:]//')
    .replace(/@(here|channel|everyone)\b/gi, '[@]$1');
  const span = form === 'code' || (form === 'text' && SLACK_MARKUP.test(text));
  return span && inert !== '' ? `\`${inert}\`` : inert;
}

/**
 * Slack text cut to at most `max` characters with `…`, like every other cut; a cut inside a code span closes the
 * span, so that the rest of a value in it cannot format.
 */
export function slackCut(text: string, max: number): string {
  if (text.length <= max) return text;
  const spanOpen = (s: string): boolean => (s.match(/`/g)?.length ?? 0) % 2 === 1;
  const cut = text.slice(0, Math.max(0, max - 1));
  if (!spanOpen(cut)) return `${cut}…`;
  const kept = text.slice(0, Math.max(0, max - 2));
  return spanOpen(kept) ? `${kept}…\`` : `${kept}…`;
}

/**
 * The SNS Subject: printable ASCII only (SNS refuses line breaks), accents transliterated, spaces collapsed, and
 * invisible characters named as in email, so that the subject of `acme\u200B-prod` is not that of `acme-prod`.
 */
export function subjectText(value: string): string {
  return value
    .replace(EVERY_INVISIBLE, codePointLabel)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7E]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Bare words: no quoting needed in bash or zsh. zsh expands a word's leading `=ls` to the command's path, and with
 * its `magic_equal_subst` option also `=ls` after a word's first `=` or after a `:` following it, so a word that
 * starts with `=` or holds `==` or `:=` is quoted.
 */
const SAFE_SHELL_WORD = /^(?!=)(?!.*[=:]=)[A-Za-z0-9_./:=@+-]+$/;

/** `\x07`, `\u200b`, `\U000e0041`: one character as bash and zsh read it inside `$'…'`. */
function shellEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/**
 * One shell word that a person can paste: safe words stay bare, others are single-quoted (POSIX). A value with a
 * control character, line break or invisible character is written as ANSI-C `$'…'` with escapes (bash, zsh), so
 * a command is always one line and names the exact value visibly.
 */
export function shellWord(value: string): string {
  if (SAFE_SHELL_WORD.test(value)) return value;
  if (!HAS_UNSAFE.test(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  return `$'${value.replace(/[\\']/g, '\\$&').replace(EVERY_UNSAFE, shellEscape)}'`;
}

/**
 * A spreadsheet reads a cell that starts with one of these as a formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`).
 * OWASP lists tab and carriage return too (https://owasp.org/www-community/attacks/CSV_Injection): emailText has
 * already replaced those with U+FFFD.
 */
const FORMULA_START = /^[=+\-@]/;

/**
 * One CSV cell (RFC 4180: https://www.rfc-editor.org/rfc/rfc4180): text as for email (one line, hidden characters
 * named, no line break), a leading `'` where a spreadsheet would start a formula, then quoted when it holds a comma
 * or a quote, with quotes doubled. Numbers and booleans are ours (a negative number is no formula)
 * and stay bare, so a spreadsheet still reads them as numbers.
 */
export function csvCell(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const text = emailText(value);
  const inert = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** CloudWatch's longest dimension value (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Dimension.html). */
export const MAX_DIMENSION_VALUE_LENGTH = 1024;

/**
 * A CloudWatch dimension value (a certificate's name on the dashboard): CloudWatch takes printable ASCII only, at
 * least one character that is not a space, and at most 1,024 characters, so the value is written as for the SNS
 * subject (invisible characters named, accents transliterated, anything else non-ASCII a space), cut to length,
 * and a value with nothing left is `?`. An IAM certificate name (letters, digits and `+=,.@_-`) stays as it is.
 */
export function metricDimensionText(value: string): string {
  const text = subjectText(value).slice(0, MAX_DIMENSION_VALUE_LENGTH).trim();
  return text === '' ? '?' : text;
}

/** The JSON report keeps the raw value: `JSON.stringify` escapes it, and machines need the exact string. */
export function jsonRaw(value: string): string {
  return value;
}
