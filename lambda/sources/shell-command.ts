/**
 * Fix commands the alerts print (AWS CLI v2): each word passes the shell sanitiser, and each value reaches the CLI
 * as the value it is, whatever a legal name holds (IAM names allow `\w+=,.@-`: `-rf`, `=x` and `a,b` are names).
 * Pure.
 */
import { shellWord } from '../text/sanitise';

/**
 * Joins a command from words, quoting each one that needs it. A word that starts with `--` is an option and the
 * word after it its value (every option printed here takes one; a last option may stand alone, the caller writing
 * its value after it). A value that starts with `-` or `=` is joined as `--option=value`: the CLI would read
 * `-name` as an option otherwise
 * (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-quoting-strings.html), and shellWord
 * quotes a leading `=`, which zsh would expand as a command's path.
 */
export function command(...words: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const value = words[i + 1];
    if (!word.startsWith('--') || value === undefined) out.push(shellWord(word));
    else {
      out.push(/^[-=]/.test(value) ? `${word}=${shellWord(value)}` : `${word} ${shellWord(value)}`);
      i += 1;
    }
  }
  return out.join(' ');
}

/** A value the CLI's shorthand syntax reads back whole: it splits at `,` and takes no leading `=`, quote or space. */
const SHORTHAND_VALUE = /^[\w.:/@+-][\w.:/@+=-]*$/;

/**
 * One structure for a list option such as `--tags` or `--certificates`: the shorthand `Key=a,Value=b` when every
 * value reads back whole, else the JSON form `[{"Key":"a","Value":"b,c"}]`, which the CLI takes for any value
 * (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-shorthand.html).
 */
export function structure(fields: Readonly<Record<string, string>>): string {
  const entries = Object.entries(fields);
  if (entries.every(([, value]) => SHORTHAND_VALUE.test(value))) {
    return entries.map(([key, value]) => `${key}=${value}`).join(',');
  }
  return JSON.stringify([fields]);
}
