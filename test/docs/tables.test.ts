/**
 * Tables of the documentation that state what the code does: every context key (docs/configuration.md) with its
 * default, the README's short table (the same rows), and the exit codes of `check`.
 */
import { EXIT_CODES } from '../../bin/exit-code';
import { CONTEXT_KEYS, DEFAULTS, ORGANIZATION_DEFAULTS } from '../../lib/config';
import { parseMarkdown, readDoc } from './markdown';

/** The rows of the table whose header starts with `firstHeader`, as cells (link targets dropped: pages differ). */
function tableRows(text: string, firstHeader: string): string[][] {
  const prose = parseMarkdown(text).prose;
  const start = prose.findIndex((line) => line.startsWith(`| ${firstHeader} |`));
  if (start < 0) throw new Error(`no table headed "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of prose.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim().replace(/\]\([^)]*\)/g, ']')),
    );
  }
  return rows;
}

const keyOf = (row: string[]) => /^`(\w+)`$/.exec(row[0]!)?.[1];

describe('the configuration table (docs/configuration.md)', () => {
  const rows = tableRows(readDoc('docs/configuration.md'), 'key');

  it('has one row for every context key the app reads, and no other', () => {
    expect(rows.map(keyOf).sort()).toEqual([...CONTEXT_KEYS].sort());
  });

  it('gives each key the default the code applies when it is absent', () => {
    const defaults: Record<string, unknown> = { ...DEFAULTS, ...ORGANIZATION_DEFAULTS };
    const scalar = Object.entries(defaults).filter(([, value]) => typeof value !== 'object');
    expect(scalar.length).toBeGreaterThan(5);
    for (const [key, value] of scalar) {
      const row = rows.find((r) => keyOf(r) === key);
      expect({ key, default: /^`[^`]*`/.exec(row?.[1] ?? '')?.[0] }).toEqual({ key, default: `\`${String(value)}\`` });
    }
  });
});

describe("the README's short configuration table", () => {
  it('repeats rows of the full table word for word', () => {
    const full = tableRows(readDoc('docs/configuration.md'), 'key');
    const short = tableRows(readDoc('README.md'), 'key');
    expect(short.length).toBeGreaterThan(5);
    for (const row of short) expect(full).toContainEqual(row);
  });
});

describe('the exit codes (docs/laptop-scan.md)', () => {
  it('are the codes `check --help` lists', () => {
    const documented = tableRows(readDoc('docs/laptop-scan.md'), 'Code').map((row) => row[0]);
    const listed = [...EXIT_CODES.matchAll(/^ {2}(\d) /gm)].map((m) => `\`${m[1]}\``);
    expect(documented).toEqual(listed);
    expect(documented).toEqual(['`2`', '`1`', '`3`', '`0`']);
  });
});
