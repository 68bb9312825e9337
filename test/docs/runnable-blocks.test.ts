/**
 * Every shell block of README.md and docs/*.md fenced as ```bash runnable runs as shown: with bash, in the
 * repository, against the loopback AWS server that `npm run local-aws` serves (the sample estate, or with
 * `runnable organization` the sample organization), ending with the exit code its last line documents
 * (`# exit N`, else 0); the ```text output blocks that follow it show lines of what it printed, in order. The
 * conventions are in docs/development.md ("Runnable blocks in the docs").
 */
import { spawn } from 'node:child_process';
import pLimit from 'p-limit';
import type { AwsServer } from '../../local-aws';
import { serve } from '../../local-aws/serve';
import { documentationFiles, firstMissingLine, normalised, parseMarkdown, readDoc, ROOT } from './markdown';

/** Quick-start commands a block may hold that this test must not run, and why. */
const NOT_RUN: ReadonlyMap<string, string> = new Map([
  ['npm ci', 'it reinstalls the node_modules this very test runs from'],
  ['npm test', 'it is the whole suite, this test included'],
]);
const EXPECTED_EXIT = /#\s*exit (\d+)\b[^#]*$/;
/** A bound, not a measurement: the slowest block takes a few seconds on a quiet machine. */
const BLOCK_TIMEOUT_MS = 120_000;
const BLOCKS_AT_ONCE = 2;

export interface RunnableBlock {
  readonly where: string;
  readonly script: string;
  readonly estate: 'account' | 'organization';
  readonly expectedExit: number;
  /** The ```text output and ```json output blocks after it (before the next runnable block): what it prints. */
  readonly outputs: readonly { readonly kind: 'text' | 'json'; readonly body: string }[];
}

/** A line without the commands of NOT_RUN (`npm ci && npm run demo` keeps `npm run demo`); null when none is left. */
export function withoutNotRun(line: string): string | null {
  const [, command = '', comment = ''] = /^(.*?)(\s+#.*)?$/.exec(line) ?? [];
  const parts = command.split('&&').map((part) => part.trim());
  const kept = parts.filter((part) => !NOT_RUN.has(part));
  if (kept.length === parts.length) return line;
  return kept.length === 0 ? null : kept.join(' && ') + comment;
}

export function runnableBlocks(file: string, text: string): RunnableBlock[] {
  const runnable: RunnableBlock[] = [];
  for (const block of parseMarkdown(text).blocks) {
    if (block.info[0] === 'bash' && block.info.includes('runnable')) {
      const lines = block.body.split('\n').filter((line) => line.trim() !== '');
      runnable.push({
        where: `${file}:${block.line}`,
        script: lines
          .map(withoutNotRun)
          .filter((line) => line !== null)
          .join('\n'),
        estate: block.info.includes('organization') ? 'organization' : 'account',
        expectedExit: Number(EXPECTED_EXIT.exec(lines.at(-1) ?? '')?.[1] ?? 0),
        outputs: [],
      });
    } else if ((block.info[0] === 'text' || block.info[0] === 'json') && block.info.includes('output')) {
      const previous = runnable.at(-1);
      if (!previous) throw new Error(`${file}:${block.line}: an output block with no runnable block before it`);
      (previous.outputs as RunnableBlock['outputs'][number][]).push({ kind: block.info[0], body: block.body });
    }
  }
  return runnable;
}

/** The JSON documents a run printed, each from a line `{` to a line `}` (how the demo prints them). */
export function printedJson(output: string): unknown[] {
  return [...output.matchAll(/^\{\n[\s\S]*?\n\}$/gm)].map((m) => JSON.parse(m[0]));
}

/** Where `shown` is not part of `printed` (every key it has, with the same value; arrays item by item); '' if none. */
export function notPartOf(shown: unknown, printed: unknown, at = '$'): string | undefined {
  if (Array.isArray(shown)) {
    if (!Array.isArray(printed) || printed.length !== shown.length) return at;
    return shown.map((item, i) => notPartOf(item, printed[i], `${at}[${i}]`)).find((path) => path !== undefined);
  }
  if (shown !== null && typeof shown === 'object') {
    if (printed === null || typeof printed !== 'object' || Array.isArray(printed)) return at;
    return Object.entries(shown)
      .map(([key, value]) => notPartOf(value, (printed as Record<string, unknown>)[key], `${at}.${key}`))
      .find((path) => path !== undefined);
  }
  const same =
    typeof shown === 'string' && typeof printed === 'string'
      ? normalised(shown) === normalised(printed)
      : shown === printed;
  return same ? undefined : at;
}

/** Undefined when some printed document holds the shown one; else where it differs from the likeliest of them. */
export function jsonNotPrinted(shown: string, output: string): string | undefined {
  const expected: unknown = JSON.parse(shown);
  const paths = printedJson(output).map((printed) => notPartOf(expected, printed));
  if (paths.includes(undefined)) return undefined;
  return paths.sort((a, b) => b!.length - a!.length)[0] ?? 'no JSON document printed';
}

/** The environment of a reader's shell after pasting the `export` lines `npm run local-aws` prints: no real AWS. */
function loopbackShellEnvironment(server: AwsServer): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  return {
    ...inherited,
    AWS_ENDPOINT_URL: server.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKLOCAL001',
    AWS_SECRET_ACCESS_KEY: 'loopback',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    // npm and npx stay off the registry: the commands run what the clone has.
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

function runBash(script: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd: ROOT, env, detached: true });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // The whole process group: npm starts node, which may start more.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), BLOCK_TIMEOUT_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

const blocks = documentationFiles().flatMap((file) => runnableBlocks(file, readDoc(file)));
const servers: Partial<Record<RunnableBlock['estate'], AwsServer>> = {};
/** One run per script and estate: blocks that show the same command share it. */
let runs: Map<string, Promise<{ status: number | null; output: string }>>;
const runKey = (block: RunnableBlock) => `${block.estate}\n${block.script}`;

beforeAll(async () => {
  servers.account = (await serve({ organization: false })).server;
  servers.organization = (await serve({ organization: true })).server;
  const limit = pLimit(BLOCKS_AT_ONCE);
  runs = new Map();
  for (const block of blocks) {
    if (!runs.has(runKey(block)))
      runs.set(
        runKey(block),
        limit(() => runBash(block.script, loopbackShellEnvironment(servers[block.estate]!))),
      );
  }
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

describe('runnable blocks of the documentation', () => {
  it('the README quick start is one of them', () => {
    expect(blocks.filter((block) => block.where.startsWith('README.md:')).map((block) => block.script)).toContainEqual(
      expect.stringMatching(/^npm run demo\b/),
    );
  });

  it.each(blocks.map((block) => [block.where, block] as const))(
    '%s',
    async (where, block) => {
      const { status, output } = await runs.get(runKey(block))!;
      expect({ where, status, output: status === block.expectedExit ? '' : output.slice(-4000) }).toEqual({
        where,
        status: block.expectedExit,
        output: '',
      });
      for (const { kind, body } of block.outputs) {
        const notPrinted = kind === 'json' ? jsonNotPrinted(body, output) : firstMissingLine(body, output);
        expect({ where, notPrinted }).toEqual({ where, notPrinted: undefined });
      }
    },
    BLOCK_TIMEOUT_MS * Math.ceil(blocks.length / BLOCKS_AT_ONCE),
  );
});

describe('reading a runnable block', () => {
  it('drops only the quick-start commands it must not run, and keeps what follows them', () => {
    expect(withoutNotRun('npm ci && npm run demo     # the daily run')).toBe('npm run demo     # the daily run');
    expect(withoutNotRun('npm test                   # type-check + the suite')).toBeNull();
    expect(withoutNotRun('npm run test-this && npm ci')).toBe('npm run test-this');
    expect(withoutNotRun('npm run check -- --json   # exit 1')).toBe('npm run check -- --json   # exit 1');
  });

  it('takes the expected exit code and the estate from the block', () => {
    const page = [
      '```bash runnable organization',
      'npx iam-cert-expiry-monitor check --organization   # exit 1: findings',
      '```',
      '```bash',
      'npx cdk deploy',
      '```',
      '```bash runnable',
      'npm run demo',
      '```',
      '```text output',
      'Subject: x',
      '```',
    ].join('\n');
    expect(runnableBlocks('docs/x.md', page)).toEqual([
      {
        where: 'docs/x.md:1',
        script: 'npx iam-cert-expiry-monitor check --organization   # exit 1: findings',
        estate: 'organization',
        expectedExit: 1,
        outputs: [],
      },
      {
        where: 'docs/x.md:7',
        script: 'npm run demo',
        estate: 'account',
        expectedExit: 0,
        outputs: [{ kind: 'text', body: 'Subject: x' }],
      },
    ]);
  });

  it('finds the lines of an output excerpt in order, whatever time, port or fingerprint the run had', () => {
    const output = [
      'Loopback AWS at http://127.0.0.1:40123: account 123456789012',
      '',
      'Checked 15 certificates at 2026-12-07T20:26:09Z.',
      '  SHA-256:  D3:1D:34:A0:84:E8:82:85:79:4E:91:0E:1D:17:A5:AE:7A:E7:C7:2A:47:3C:C5:79:13:D0:9A:A8:C6:9E:44:63',
      '1 message(s) published in 918 ms.',
    ].join('\n');
    const excerpt = [
      'Loopback AWS at http://127.0.0.1:44051: account 123456789012',
      '...',
      'Checked 15 certificates at 2026-12-04T16:51:06Z.',
      '  SHA-256:  4E:DB:F5:3E:B2:7A:0F:18:0E:44:63:47:A0:A3:76:3A:34:59:A1:D1:BB:9A:65:DC:CF:95:50:D4:82:B2:1A:96',
      '1 message(s) published in 765 ms.',
    ].join('\n');
    expect(firstMissingLine(excerpt, output)).toBeUndefined();
    expect(firstMissingLine('1 message(s) published in 765 ms.\nCheked 15 certificates', output)).toBe(
      'Cheked 15 certificates',
    );
    const backwards = [
      'Checked 15 certificates at 2026-12-04T16:51:06Z.',
      'Loopback AWS at http://127.0.0.1:1: account 123456789012',
    ];
    expect(firstMissingLine(backwards.join('\n'), output)).toBe(backwards[1]);
  });

  it('finds a trimmed JSON document among those printed, whatever the run id or time', () => {
    const output = [
      '======== Security Hub ========',
      '',
      '{',
      '  "Id": "a/1",',
      '  "CreatedAt": "2026-12-07T20:31:57.000Z",',
      '  "Resources": [{ "Type": "Other", "Id": "arn:1" }],',
      '  "ProductFields": { "RunId": "3bd56cd2-2513-4f2e-be8a-8fc0fdd30bb7" },',
      '  "Region": "us-east-1"',
      '}',
      '{',
      '  "Id": "a/2"',
      '}',
    ].join('\n');
    expect(printedJson(output)).toHaveLength(2);
    const shown = {
      Id: 'a/1',
      CreatedAt: '2026-12-04T15:48:14.477Z',
      Resources: [{ Type: 'Other' }],
      ProductFields: { RunId: '00000000-0000-4000-8000-000000000000' },
    };
    expect(jsonNotPrinted(JSON.stringify(shown), output)).toBeUndefined();
    expect(jsonNotPrinted(JSON.stringify({ ...shown, Resources: [{ Type: 'AwsIamRole' }] }), output)).toBe(
      '$.Resources[0].Type',
    );
    expect(jsonNotPrinted(JSON.stringify({ Id: 'a/1', Title: 'absent' }), output)).toBe('$.Title');
  });
});
