/** Fix commands the alerts print: each word passes the shell sanitiser (account strings are untrusted). Pure. */
import { shellWord } from '../text/sanitise';

/** Joins a command from words, quoting each one that needs it. */
export function command(...words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}
