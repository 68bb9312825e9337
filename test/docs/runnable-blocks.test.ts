/**
 * Every shell block of README.md and docs/*.md fenced as ```bash runnable runs as shown: with bash, in the
 * repository, against the loopback AWS server that `npm run local-aws` serves (the sample estate, or with
 * `runnable organization` the sample organization), ending with the exit code its last line documents
 * (`# exit N`, else 0). The conventions are in docs/development.md ("Runnable blocks").
 */
import { spawn } from 'node:child_process';
import pLimit from 'p-limit';
import type { AwsServer } from '../../local-aws';
import { serve } from '../../local-aws/serve';
import { documentationFiles, parseMarkdown, readDoc, ROOT } from './markdown';

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
  return parseMarkdown(text)
    .blocks.filter((block) => block.info[0] === 'bash' && block.info.includes('runnable'))
    .map((block) => {
      const lines = block.body.split('\n').filter((line) => line.trim() !== '');
      return {
        where: `${file}:${block.line}`,
        script: lines
          .map(withoutNotRun)
          .filter((line) => line !== null)
          .join('\n'),
        estate: block.info.includes('organization') ? 'organization' : 'account',
        expectedExit: Number(EXPECTED_EXIT.exec(lines.at(-1) ?? '')?.[1] ?? 0),
      };
    });
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
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
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
let results: Map<string, Promise<{ status: number | null; output: string }>>;

beforeAll(async () => {
  servers.account = (await serve({ organization: false })).server;
  servers.organization = (await serve({ organization: true })).server;
  const limit = pLimit(BLOCKS_AT_ONCE);
  results = new Map(
    blocks.map((block) => [
      block.where,
      limit(() => runBash(block.script, loopbackShellEnvironment(servers[block.estate]!))),
    ]),
  );
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
      const { status, output } = await results.get(where)!;
      expect({ where, status, output: status === block.expectedExit ? '' : output }).toEqual({
        where,
        status: block.expectedExit,
        output: '',
      });
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
    ].join('\n');
    expect(runnableBlocks('docs/x.md', page)).toEqual([
      {
        where: 'docs/x.md:1',
        script: 'npx iam-cert-expiry-monitor check --organization   # exit 1: findings',
        estate: 'organization',
        expectedExit: 1,
      },
      { where: 'docs/x.md:7', script: 'npm run demo', estate: 'account', expectedExit: 0 },
    ]);
  });
});
