/**
 * Bash `for` loops for the compact rendering: one command that runs the same fix over many listeners. Two
 * spellings of the same loop: one line (the JSON report), and lines of at most ~78 columns joined by ` \`
 * continuations (the email), which bash reads as the same command when pasted. Pure.
 */

import type { ShellLoop } from '../sources/usage-source';

/** `for l in a b c; do cmd1 && cmd2; done` */
export function loopOneLine(loop: ShellLoop): string {
  return `for ${loop.variable} in ${loop.items.join(' ')}; do ${loop.body.join(' && ')}; done`;
}

/**
 * The loop across lines, for a mail client:
 * ```
 * for l in \
 *   ITEM1 \
 *   ITEM2
 * do
 *   cmd1 --a b \
 *     --c d &&
 *   cmd2
 * done
 * ```
 */
export function loopLines(loop: ShellLoop, width = 71): string[] {
  const lines = [`for ${loop.variable} in \\`];
  loop.items.forEach((item, i) => lines.push(`  ${item}${i < loop.items.length - 1 ? ' \\' : ''}`));
  lines.push('do');
  loop.body.forEach((cmd, i) => {
    const wrapped = wrapShellCommand(cmd, width, '  ', '    ');
    if (i < loop.body.length - 1) wrapped[wrapped.length - 1] += ' &&';
    lines.push(...wrapped);
  });
  lines.push('done');
  return lines;
}

/**
 * Splits a command into words at the spaces bash would split it at (outside quotes, `$(...)` and `${...}`).
 * Joining the words with single spaces gives the command back.
 */
export function topLevelWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let depth = 0; // inside $( ) or ${ }
  for (let i = 0; i < command.length; i += 1) {
    const c = command[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (quote === '"') {
      if (c === '\\') {
        word += c + (command[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (c === '"') quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\') {
      word += c + (command[i + 1] ?? '');
      i += 1;
      continue;
    } else if (c === '$' && (command[i + 1] === '(' || command[i + 1] === '{')) {
      depth += 1;
      word += c + command[i + 1];
      i += 1;
      continue;
    } else if ((c === ')' || c === '}') && depth > 0) {
      depth -= 1;
    } else if (c === ' ' && depth === 0) {
      if (word.length > 0) words.push(word);
      word = '';
      continue;
    }
    word += c;
  }
  if (word.length > 0) words.push(word);
  return words;
}

/** `--option value` pairs as one unit, so a wrapped line never ends with a dangling option name. */
function gluedOptions(words: readonly string[]): string[] {
  const units: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const next = words[i + 1];
    if (words[i].startsWith('--') && next !== undefined && !next.startsWith('-') && !/^[>|&;]/.test(next)) {
      units.push(`${words[i]} ${next}`);
      i += 1;
    } else units.push(words[i]);
  }
  return units;
}

/**
 * Greedy wrap of one command to `width` columns with ` \` continuations, breaking only between top-level words
 * (never inside quotes), so the pasted lines are the same command. A word longer than the width stays whole.
 */
export function wrapShellCommand(command: string, width = 71, firstIndent = '', indent = '  '): string[] {
  const words = gluedOptions(topLevelWords(command));
  const lines: string[] = [];
  let line = firstIndent;
  let hasWord = false;
  for (const word of words) {
    const candidate = hasWord ? `${line} ${word}` : `${line}${word}`;
    // Room for the trailing " \" on every line but the last.
    if (!hasWord || candidate.length + 2 <= width) {
      line = candidate;
      hasWord = true;
    } else {
      lines.push(`${line} \\`);
      line = `${indent}${word}`;
    }
  }
  lines.push(line);
  return lines;
}
