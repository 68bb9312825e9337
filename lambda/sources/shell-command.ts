/** POSIX-shell quoting for the fix commands the alerts print (account strings are untrusted). Pure. */

const SAFE_SHELL_WORD = /^[A-Za-z0-9_./:=@+-]+$/;

/** POSIX-shell quoting: safe words stay bare, anything else is single-quoted (`'` becomes `'\''`). */
export function shellQuote(value: string): string {
  if (SAFE_SHELL_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Joins a command from words, quoting each one that needs it. */
export function command(...words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
