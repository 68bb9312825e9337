/**
 * The example of each output format in the user documentation is the CLI's real output: each block after a
 * `<!-- golden: ID -->` marker is what `check` prints for the sample estate (or organization) served by
 * `npm run local-aws`, at a fixed time, through the command shown above it (a `jq` filter or `head` as the page
 * says). After an intended change: `UPDATE_GOLDEN=1 npx jest test/bin/format-goldens.test.ts`, then read the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/check';
import type { AwsServer } from '../../local-aws';
import { applyEnvironment } from '../../local-aws/lambda-harness';
import { serve } from '../../local-aws/serve';

const ROOT = join(__dirname, '..', '..');
/** The laptop-scan page once the docs are split out of the README; the README until then. */
const PAGE = ['docs/laptop-scan.md', 'README.md'].map((p) => join(ROOT, p)).find((p) => existsSync(p))!;
/** The time the README's demo output was taken at. */
const NOW = new Date('2026-12-04T16:51:06Z');

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const firstLines = (count: number) => (text: string) => text.split('\n').slice(0, count).join('\n');

interface Golden {
  readonly args: readonly string[];
  /** What the page pipes the output through. @default as it is */
  readonly shown?: (stdout: string) => string;
}

const GOLDENS: Readonly<Record<string, Golden>> = {
  table: { args: [] },
  json: { args: ['--format', 'json'], shown: (out) => pretty(JSON.parse(out).summary) },
  csv: { args: ['--format', 'csv'] },
  ocsf: { args: ['--format', 'ocsf'], shown: (out) => pretty(JSON.parse(out)[0]) },
  asff: { args: ['--format', 'asff'], shown: (out) => pretty(JSON.parse(out.split('\n')[0]!).Findings[0]) },
  email: { args: ['--format', 'email'], shown: firstLines(30) },
  'organization-table': { args: ['--organization'] },
};

/** `<!-- golden: ID -->`, any lines, then a fenced block: the block's body. */
const MARKED_BLOCK = /<!-- golden: ([\w-]+) -->\n(?:(?!```)[^\n]*\n)*?```\w*\n([\s\S]*?)\n```/g;

function blocksOf(page: string): Map<string, string> {
  return new Map([...page.matchAll(MARKED_BLOCK)].map((m) => [m[1]!, m[2]!]));
}

let server: AwsServer | undefined;
let restore: () => void = () => undefined;

afterEach(async () => {
  restore();
  await server?.close();
  server = undefined;
});

async function output(golden: Golden): Promise<string> {
  const organization = golden.args.includes('--organization');
  const served = await serve({ organization, now: NOW });
  server = served.server;
  restore = applyEnvironment({ AWS_ENDPOINT_URL: server.endpoint, AWS_REGION: 'us-east-1' });
  const out: string[] = [];
  await main(golden.args, { env: process.env, out: (t) => out.push(t), err: () => undefined, now: () => NOW });
  const stdout = out.join('\n');
  return (golden.shown ?? ((s: string) => s))(stdout).replace(/\r\n/g, '\n').trimEnd();
}

describe(`the format examples in ${PAGE.slice(ROOT.length + 1)}`, () => {
  it('has an example of every format', () => {
    expect([...blocksOf(readFileSync(PAGE, 'utf8')).keys()].sort()).toEqual(Object.keys(GOLDENS).sort());
  });

  test.each(Object.keys(GOLDENS))('%s is what the CLI prints', async (id) => {
    const actual = await output(GOLDENS[id]!);
    const page = readFileSync(PAGE, 'utf8');
    if (process.env.UPDATE_GOLDEN === '1') {
      const marker = `<!-- golden: ${id} -->`;
      const updated = page.replace(MARKED_BLOCK, (block, found: string, body: string) =>
        found === id ? block.replace(`\n${body}\n\`\`\``, () => `\n${actual}\n\`\`\``) : block,
      );
      if (updated.includes(marker)) writeFileSync(PAGE, updated);
      return;
    }
    expect(actual).toBe(blocksOf(page).get(id));
  });
});
