/** Reading the user documentation (README.md and docs/*.md) the way GitHub renders it: fences, headings, links. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** README.md and every page under docs/, relative to the repository root. */
export function documentationFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

export const readDoc = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

export interface CodeBlock {
  /** The words after the opening backticks, e.g. `['bash', 'runnable']`. */
  readonly info: readonly string[];
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const FENCE = /^( {0,3})(`{3,})(.*)$/;

/** Splits a page into its fenced code blocks and its prose lines (code blocks blanked, so line numbers hold). */
export function parseMarkdown(text: string): { readonly blocks: CodeBlock[]; readonly prose: string[] } {
  const blocks: CodeBlock[] = [];
  const prose: string[] = [];
  let open: { indent: number; fence: string; info: string[]; line: number; lines: string[] } | undefined;
  text.split('\n').forEach((line, i) => {
    const fence = FENCE.exec(line);
    if (open) {
      if (fence && fence[2]!.length >= open.fence.length && fence[3]!.trim() === '') {
        blocks.push({ info: open.info, body: open.lines.join('\n'), line: open.line });
        open = undefined;
      } else {
        // A fence indented in a list item: its lines lose that much indentation, no more (as CommonMark reads it).
        open.lines.push(line.replace(new RegExp(`^ {0,${open.indent}}`), ''));
      }
      prose.push('');
    } else if (fence) {
      const [, indent = '', backticks = '', info = ''] = fence;
      open = {
        indent: indent.length,
        fence: backticks,
        info: info.trim().split(/\s+/).filter(Boolean),
        line: i + 1,
        lines: [],
      };
      prose.push('');
    } else prose.push(line);
  });
  if (open) throw new Error(`code block opened at line ${open.line} is never closed`);
  return { blocks, prose };
}

/**
 * GitHub's anchor for a heading (the rules of github-slugger): the rendered text lower-cased, every character that
 * is not a letter, mark, number, connector, space or hyphen dropped, each space made a hyphen; a repeated slug gets
 * -1, -2, ... in order.
 */
export function headingSlugs(text: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  for (const line of parseMarkdown(text).prose) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const rendered = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = rendered
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  }
  return slugs;
}

export interface Link {
  readonly target: string;
  readonly line: number;
}

/** Inline links and images of the prose (not inside code blocks or inline code). */
export function links(text: string): Link[] {
  return parseMarkdown(text).prose.flatMap((line, i) =>
    [...line.replace(/`[^`]*`/g, '').matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({
      target: m[1]!,
      line: i + 1,
    })),
  );
}

/**
 * What is wrong with a relative link from `file` (a path from the root): a file that does not exist, or an anchor
 * that no heading of its target page has. External links (a scheme such as https:) are not followed.
 */
export function brokenLink(
  file: string,
  target: string,
  read: (file: string) => string | undefined,
): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
  const dest = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), pathPart));
  if (dest.startsWith('../')) return `${target}: leaves the repository`;
  const content = read(dest);
  if (content === undefined) return `${target}: no file ${dest}`;
  if (anchor === undefined || anchor === '') return undefined;
  if (!dest.endsWith('.md')) return `${target}: an anchor into ${dest}, which is not a Markdown page`;
  return headingSlugs(content).has(decodeURIComponent(anchor))
    ? undefined
    : `${target}: no heading #${anchor} in ${dest}`;
}

/** What differs from run to run: times, dates, the server's port, durations, ids, serial numbers and fingerprints. */
export function normalised(line: string): string {
  return line
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, '<time>')
    .replace(/\d{4}-\d{2}-\d{2}/g, '<date>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\b\d+ ms\b/g, '<n> ms')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
    .replace(/\b(?:[0-9A-F]{2}:){31}[0-9A-F]{2}\b|\b[0-9A-F]{32}\b/g, '<hex>')
    .trimEnd();
}

/**
 * The first line of an excerpt that the output does not have, after the lines matched before it (blank lines and
 * `...` lines, where the excerpt leaves text out, match nothing); undefined when every line is there, in order.
 */
export function firstMissingLine(excerpt: string, output: string): string | undefined {
  const printed = output.split('\n').map(normalised);
  let at = 0;
  for (const line of excerpt.split('\n')) {
    if (line.trim() === '' || line.trim() === '...') continue;
    const found = printed.indexOf(normalised(line), at);
    if (found < 0) return line;
    at = found + 1;
  }
  return undefined;
}
