/**
 * The measured figures the documentation quotes are the ones the bench wrote: docs/performance.md against
 * bench/results.json, the organization cost table (docs/organization.md) against bench/org-results.json. A figure
 * may be rounded to the digits it shows; a new bench run means new figures in the docs, in the same change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, parseMarkdown, readDoc } from './markdown';

const bench = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', file), 'utf8'));

/** The numbers of a cell, in order: `$0.00066`, `20,664`, `≈ 7 s / ≈ 3 s` -> [0.00066], [20664], [7, 3]. */
function numbers(cell: string): string[] {
  return [...cell.matchAll(/(?<![\w.])\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replace(/,/g, ''));
}

/** True when `shown` is `actual` rounded to the digits `shown` has. */
function roundsTo(actual: number, shown: string): boolean {
  const decimals = shown.split('.')[1]?.length ?? 0;
  return Math.abs(actual - Number(shown)) <= 0.5 * 10 ** -decimals + 1e-12;
}

/** The rows (as cells) of the table whose header row starts with `header`, e.g. `| scenario |`. */
function tableRows(file: string, header: string): string[][] {
  const prose = parseMarkdown(readDoc(file)).prose;
  const start = prose.findIndex((line) => line.startsWith(header));
  if (start < 0) throw new Error(`${file}: no table headed "${header}"`);
  const rows: string[][] = [];
  for (const line of prose.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The rows keyed by their first cell. */
function rowsOf(file: string, firstHeader: string): Map<string, string[]> {
  return new Map(tableRows(file, `| ${firstHeader} |`).map(([first, ...rest]) => [first!, rest]));
}

/** Every (figure, measured value) that does not round to each other, named. */
function mismatches(where: string, pairs: readonly (readonly [cell: string | undefined, actual: number])[]) {
  return pairs.flatMap(([cell, actual], i) => {
    const shown = numbers(cell ?? '')[0];
    return shown !== undefined && roundsTo(actual, shown) ? [] : [`${where} #${i}: shows ${cell}, measured ${actual}`];
  });
}

describe('docs/performance.md quotes bench/results.json', () => {
  const results = bench('results.json');
  const scenario = (name: string) => results.scenarios.find((s: { name: string }) => s.name === name);

  it('the latest full run, per scenario', () => {
    const rows = rowsOf('docs/performance.md', 'scenario');
    const rowFor = (prefix: string) => [...rows].find(([first]) => first.startsWith(prefix))?.[1];
    const problems = (
      [
        ['quiet', 'quiet'],
        ['typical', 'typical'],
        ['large', 'large'],
        ['1 region × 800 LBs', 'scale-1r-400lb'],
      ] as const
    ).flatMap(([prefix, name]) => {
      const cells = rowFor(prefix) ?? [];
      const s = scenario(name);
      return mismatches(prefix, [
        [cells[0], s.wallS],
        [cells[1], s.boundS],
        [cells[3], s.calls],
        [cells[4], s.cpuS],
        [cells[6], s.peakRssMb],
      ]);
    });
    expect(problems).toEqual([]);
  });

  it('the large estate as Lambda runs it, per memory size', () => {
    const rows = rowsOf('docs/performance.md', 'memory');
    const projected = scenario('large').projected;
    const problems = Object.entries(projected).flatMap(([mb, p]) => {
      const cells = [...rows].find(([first]) => numbers(first)[0] === mb)?.[1] ?? [];
      const { initS, invocationS, gbSeconds, costUsd, peakRssMb } = p as Record<string, number>;
      return mismatches(`${mb} MB`, [
        [cells[1], initS!],
        [cells[2], invocationS!],
        [cells[3], gbSeconds!],
        [cells[4], costUsd!],
        [cells[6], peakRssMb!],
      ]);
    });
    expect(Object.keys(projected)).toHaveLength(4);
    expect(problems).toEqual([]);
  });

  it('the cold start, bundled against external SDK', () => {
    const text = readDoc('docs/performance.md');
    const { bundled, external } = results.bundleAndColdStart;
    expect(text).toContain(`**${bundled.medianInitMs} ms** with the SDK`);
    expect(text).toContain(`against ${external.medianInitMs} ms with the`);
  });
});

describe('docs/organization.md quotes bench/org-results.json', () => {
  it('each organization size: batches, transitions, Lambda, the cost per run and month, the modelled wall time', () => {
    const { scenarios } = bench('org-results.json');
    const rows = rowsOf('docs/organization.md', 'scenario | batches');
    expect([...rows.keys()]).toEqual(scenarios.map((s: { scenario: string }) => `\`${s.scenario}\``));
    const problems = scenarios.flatMap(
      (s: {
        scenario: string;
        measured: { batches: number };
        modelled: { wallSeconds: number };
        cost: {
          stateTransitions: number;
          stepFunctionsUsd: number;
          perRunUsd: number;
          lambda: { invocations: number; gbSeconds: number; usd: number };
          perMonthUsd: { stepFunctionsAfterFreeTier: number; lambdaBeforeFreeTier: number };
          expressChildrenAlternative: { perRunUsd: number };
        };
      }) => {
        const [batches, transitions, lambda, perRun, perMonth, wall, express] = rows.get(`\`${s.scenario}\``)!;
        const nth = (cell: string | undefined, i: number) => numbers(cell ?? '')[i];
        return mismatches(s.scenario, [
          [batches, s.measured.batches],
          [transitions, s.cost.stateTransitions],
          [nth(transitions, 1), s.cost.stepFunctionsUsd],
          [lambda, s.cost.lambda.invocations],
          [nth(lambda, 1), s.cost.lambda.gbSeconds],
          [nth(lambda, 2), s.cost.lambda.usd],
          [perRun, s.cost.perRunUsd],
          [perMonth, s.cost.perMonthUsd.stepFunctionsAfterFreeTier],
          [nth(perMonth, 1), s.cost.perMonthUsd.lambdaBeforeFreeTier],
          [wall, s.modelled.wallSeconds],
          [express, s.cost.expressChildrenAlternative.perRunUsd],
        ]);
      },
    );
    expect(problems).toEqual([]);
  });
});

describe('docs/performance.md quotes bench/org-digest-results.json', () => {
  const { scenarios } = bench('org-digest-results.json');
  const withFindings = (cell: string) => Number(numbers(cell).reduce((a, b) => String(Number(a) + Number(b))));
  const scenarioFor = (cell: string) =>
    scenarios.find((s: { accountsWithFindings: number }) => s.accountsWithFindings === withFindings(cell));

  it('the rendering of the current release ("after")', () => {
    const rows = tableRows('docs/performance.md', '| accounts with findings | version |').filter(
      (r) => r[1] === 'after',
    );
    expect(rows).toHaveLength(scenarios.length);
    const problems = rows.flatMap(
      ([accounts, , render, at512, , parts, sections, counted, messages, largest, published]) => {
        const s = scenarioFor(accounts!);
        return mismatches(`${accounts} after`, [
          [render, s.medianRenderMs / 1000],
          [at512, s.projectedLambdaS],
          [parts, s.digestParts],
          [sections, s.accountsWithSection],
          [counted, s.accountsCountedWithoutSection],
          [messages, s.accountMessages],
          [largest, s.largestRequestBytes],
          [published, s.totalBytes / 2 ** 20],
        ]);
      },
    );
    expect(problems).toEqual([]);
  });

  it('the publishing, 8 at a time', () => {
    const rows = tableRows('docs/performance.md', '| accounts with findings | Publish calls |');
    expect(rows).toHaveLength(scenarios.length);
    const problems = rows.flatMap(([accounts, calls, , inFlight, latency]) => {
      const { publish } = scenarioFor(accounts!);
      return mismatches(`${accounts} publishing`, [
        [calls, publish.calls],
        [inFlight, publish.wallS],
        [latency, publish.boundS],
      ]);
    });
    expect(problems).toEqual([]);
  });
});
