/**
 * The fix-it commands, pasted into a real shell, with names an attacker or an unlucky naming scheme can give (IAM
 * names allow `\w+=,.@-`): `aws` is a function that records its arguments, and each call is then read the way the
 * AWS CLI reads it (argparse's options, the shorthand syntax's commas). Every name must arrive as the one value it
 * is. Bash always runs; zsh runs where it is installed (CI installs it and requires it), also with
 * `magic_equal_subst`, which expands `=word` after an option's `=`.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  remediationFor,
  renewedCertificateArn,
  renewedCertificateName,
  type RemediationContext,
} from '../../../lambda/render/remediation';
import { RENEWS_TAG, type CertificateUsage, type Finding } from '../../../lambda/domain/types';
import { ROLLOUT_OPTIONS } from '../../../bin/rollout';
import { ACCOUNT, NOW, classicUsage, distributionUsage, finding, usage } from './support';

interface Shell {
  readonly name: string;
  readonly argv: readonly string[];
}

/** `.ci/run` sets REQUIRE_ZSH=1, so a CI machine without zsh fails here instead of skipping it. */
const hasZsh = process.env.REQUIRE_ZSH === '1' || spawnSync('zsh', ['-fc', 'true']).status === 0;
const SHELLS: readonly Shell[] = [
  { name: 'bash', argv: ['bash', '--norc', '--noprofile', '-c'] },
  ...(hasZsh
    ? [
        { name: 'zsh', argv: ['zsh', '-f', '-c'] },
        { name: 'zsh with magic_equal_subst', argv: ['zsh', '-f', '-o', 'magic_equal_subst', '-c'] },
      ]
    : []),
];

/** Each call's arguments, NUL-separated, then a record separator; `aws` and `npx` (the rollout one-liner) apart. */
const STUBS = `aws() { { printf '%s\\0' "$@"; printf '\\036\\0'; } >> "$AWS_CALLS"; }
npx() { { printf '%s\\0' "$@"; printf '\\036\\0'; } >> "$NPX_CALLS"; }
jq() { :; }
`;

/** The `aws` (or `npx`) calls a script makes in `shell`, as the arguments each one received. */
function awsCalls(shell: Shell, script: string, program: 'aws' | 'npx' = 'aws'): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'commands-in-shells-'));
  try {
    const calls = join(dir, `${program}-calls`);
    const run = spawnSync(shell.argv[0]!, [...shell.argv.slice(1), STUBS + `: > "${calls}"\n` + script], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        LC_ALL: 'C.UTF-8',
        AWS_CALLS: join(dir, 'aws-calls'),
        NPX_CALLS: join(dir, 'npx-calls'),
      },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const words = readFileSync(calls, 'utf8').split('\0').slice(0, -1);
    const out: string[][] = [[]];
    for (const word of words) {
      if (word === '\x1e') out.push([]);
      else out.at(-1)!.push(word);
    }
    return out.slice(0, -1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A list option's structure as the CLI reads it: JSON, or the shorthand `Key=value,Key=value`, where a comma
 * starts the next pair or another list item and a value may not start with `=`, a quote or a bracket
 * (aws-cli's awscli/shorthand.py).
 */
function structureOf(value: string): unknown {
  if (/^[[{]/.test(value)) return JSON.parse(value) as unknown;
  const fields: Record<string, string> = {};
  for (const pair of value.split(',')) {
    const match = /^([A-Za-z0-9]+)=([^=,'"[{\s][^,]*)$/.exec(pair);
    if (!match) throw new Error(`shorthand would not read ${JSON.stringify(value)} as written`);
    fields[match[1]!] = match[2]!;
  }
  return [fields];
}

const STRUCTURES = new Set(['--tags', '--certificates']);

interface CliCall {
  readonly operation: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Arguments as argparse reads them: the words before the first option name the operation; then `--name=value`, or
 * `--name value` where the value may not look like an option.
 */
function asCli(argv: readonly string[]): CliCall {
  const first = argv.findIndex((w) => w.startsWith('--'));
  const operation = (first < 0 ? argv : argv.slice(0, first)).join(' ');
  const rest = first < 0 ? [] : argv.slice(first);
  const options: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i]!;
    if (!word.startsWith('--')) throw new Error(`stray argument ${JSON.stringify(word)} in ${JSON.stringify(argv)}`);
    const eq = word.indexOf('=');
    let name = word;
    let value: string;
    if (eq > 0) {
      name = word.slice(0, eq);
      value = word.slice(eq + 1);
    } else {
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('-')) throw new Error(`${word} expected one argument, got ${next}`);
      value = next;
      i += 1;
    }
    options[name] = STRUCTURES.has(name) ? structureOf(value) : value;
  }
  return { operation, options };
}

/** The commands of every step, run as one pasted block (one line each) and as the email prints them. */
function cliCalls(shell: Shell, f: Finding, context: Partial<RemediationContext> = {}): CliCall[] {
  const steps = remediationFor(f, { generatedAt: NOW, coverageIncomplete: false, ...context }).steps;
  const placeholders = (c: string): string =>
    c.replace('<CHOSEN_NAME>', 'chosen').replace('<CHOSEN_ARN>', 'arn:aws:acm:eu-west-1:1:certificate/c');
  const oneLine = awsCalls(shell, steps.flatMap((s) => s.commands.map(placeholders)).join('\n'));
  const printed = awsCalls(shell, steps.flatMap((s) => (s.display ?? s.commands).map(placeholders)).join('\n'));
  expect(printed).toEqual(oneLine);
  return oneLine.map(asCli);
}

/** Legal IAM names that a shell or the CLI could misread. */
const NAMES = ['-rf', '--help', '=ls', '==x', 'a,b', '-a,b=c', '=x,y', 'x=y,z@w.v', '@at+plus.dot_u', '-'];

const arnOf = (name: string, path = '/'): string => `arn:aws:iam::${ACCOUNT}:server-certificate${path}${name}`;

function named(name: string, usages: readonly CertificateUsage[], extra: Partial<Finding> = {}): Finding {
  const base = finding('placeholder', 'critical', 3, usages, extra);
  const path = extra.certificate?.path ?? '/';
  return { ...base, certificate: { ...base.certificate, name, arn: arnOf(name, path), path } };
}

const alb = usage({ region: 'eu-west-1' });
const sni = usage({ region: 'eu-west-1', role: 'sni' });
const classic = classicUsage({ name: 'legacy' });
const cdn = distributionUsage({ id: 'E2SHOP', arn: undefined });

const call = (operation: string, options: Record<string, unknown>): unknown =>
  expect.objectContaining({ operation, options: expect.objectContaining(options) });

describe.each(SHELLS)('fix-it commands in $name', (shell) => {
  it.each(NAMES)('%j: upload, every switch and the delete name it exactly', (name) => {
    const calls = cliCalls(shell, named(name, [alb, sni, classic, cdn]));
    const renewed = renewedCertificateName(name, NOW);
    const renewedArn = renewedCertificateArn(arnOf(name), '/cloudfront/', renewed);
    expect(calls).toEqual([
      call('iam upload-server-certificate', { '--server-certificate-name': renewed, '--path': '/cloudfront/' }),
      call('elbv2 modify-listener', { '--certificates': [{ CertificateArn: renewedArn }] }),
      call('elbv2 add-listener-certificates', { '--certificates': [{ CertificateArn: renewedArn }] }),
      call('elbv2 remove-listener-certificates', { '--certificates': [{ CertificateArn: arnOf(name) }] }),
      call('elb set-load-balancer-listener-ssl-certificate', { '--ssl-certificate-id': renewedArn }),
      call('iam get-server-certificate', { '--server-certificate-name': renewed }),
      call('cloudfront get-distribution-config', { '--id': 'E2SHOP' }),
      call('cloudfront update-distribution', { '--id': 'E2SHOP' }),
      call('cloudfront wait distribution-deployed', { '--id': 'E2SHOP' }),
      call('iam delete-server-certificate', { '--server-certificate-name': name }),
    ]);
  });

  it.each(NAMES)('%j: the compact loops switch to the same ARNs', (name) => {
    const usages = [alb, usage({ region: 'eu-west-1', listenerArn: `${alb.listenerArn}b` }), sni, classic];
    const calls = cliCalls(shell, named(name, usages), { compact: true });
    const renewedArn = renewedCertificateArn(arnOf(name), '/', renewedCertificateName(name, NOW));
    const certificates = calls.flatMap((c) => (c.options['--certificates'] as unknown[] | undefined) ?? []);
    expect(certificates).toEqual([
      { CertificateArn: renewedArn },
      { CertificateArn: arnOf(name) },
      { CertificateArn: renewedArn },
      { CertificateArn: renewedArn },
    ]);
    expect(calls).toContainEqual(
      call('elb set-load-balancer-listener-ssl-certificate', { '--ssl-certificate-id': renewedArn }),
    );
  });

  it.each(NAMES)('%j: unknown expiry, unused, and the renews tag', (name) => {
    expect(cliCalls(shell, named(name, [], { severity: 'unknown' }))).toEqual([
      call('iam get-server-certificate', { '--server-certificate-name': name }),
      call('iam delete-server-certificate', { '--server-certificate-name': name }),
    ]);
    const renewal = { remaining: [alb], unchecked: 0 };
    const ambiguous = named(name, [alb], {
      renewal: { ...renewal, state: 'ambiguous', alsoQualifying: ['x', 'y'] },
    });
    expect(cliCalls(shell, ambiguous)).toEqual([
      call('iam tag-server-certificate', {
        '--server-certificate-name': 'chosen',
        '--tags': [{ Key: RENEWS_TAG, Value: name }],
      }),
    ]);
    const acm = named(name, [alb], {
      renewal: {
        ...renewal,
        state: 'none',
        acm: [{ region: 'eu-west-1', state: 'ambiguous', alsoQualifying: ['arn:a', 'arn:b'] }],
      },
    });
    expect(cliCalls(shell, acm)).toEqual([
      call('acm add-tags-to-certificate', { '--tags': [{ Key: RENEWS_TAG, Value: name }] }),
    ]);
  });

  it.each(NAMES)('%j: a renewal uploaded under that name is switched to by name, ARN and id', (name) => {
    const renewalCertificate = { name, id: 'ASCARENEWAL', arn: arnOf(name, '/cloudfront/'), path: '/cloudfront/' };
    const f = named('old', [alb, cdn], {
      renewal: {
        state: 'uploaded',
        certificate: renewalCertificate,
        hostnames: [],
        alreadyServing: [],
        remaining: [alb, cdn],
        alsoQualifying: [],
        unchecked: 0,
      },
    });
    const calls = cliCalls(shell, f);
    expect(calls[0]).toEqual(
      call('elbv2 modify-listener', { '--certificates': [{ CertificateArn: renewalCertificate.arn }] }),
    );
    expect(calls.some((c) => c.operation === 'iam upload-server-certificate')).toBe(false);
  });

  it.each(NAMES)('%j: the rollout one-liner gives the CLI that name as its one certificate', (name) => {
    const renewalCertificate = { name: 'renewal', id: 'ASCARENEWAL', arn: arnOf('renewal'), path: '/' };
    const f = named(name, [alb], {
      renewal: {
        state: 'uploaded',
        certificate: renewalCertificate,
        hostnames: [],
        alreadyServing: [],
        remaining: [alb],
        alsoQualifying: [],
        unchecked: 0,
      },
    });
    const steps = remediationFor(f, { generatedAt: NOW, coverageIncomplete: false }).steps;
    const rollout = steps.flatMap((s) => s.commands).filter((c) => c.startsWith('npx '));
    const [argv, ...more] = awsCalls(shell, rollout.join('\n'), 'npx');
    expect(more).toEqual([]);
    expect(argv!.slice(0, 2)).toEqual(['iam-cert-expiry-monitor', 'rollout']);
    const parsed = parseArgs({ args: argv!.slice(2), options: ROLLOUT_OPTIONS, allowPositionals: true, strict: true });
    expect(parsed.positionals).toEqual([name]);
    expect(parsed.values.apply).toBe(false);
  });

  it('a path with a quote and a comma stays one value', () => {
    const path = "/it's,odd/";
    const calls = cliCalls(shell, named('-x', [alb], { certificate: { ...finding('p').certificate, path } }));
    const renewed = renewedCertificateName('-x', NOW);
    expect(calls).toEqual([
      call('iam upload-server-certificate', { '--server-certificate-name': renewed, '--path': path }),
      call('elbv2 modify-listener', { '--certificates': [{ CertificateArn: arnOf(renewed, path) }] }),
      call('iam delete-server-certificate', { '--server-certificate-name': '-x' }),
    ]);
  });
});
