/**
 * The package as someone without a clone gets it: `npm pack` (its prepack builds dist/cli.js), an install into an
 * empty folder with no network, then `npx iam-cert-expiry-monitor` there, against the loopback AWS server.
 *
 * Offline, npm cannot resolve version ranges (npm ci fills the cache with tarballs, not registry metadata), so the
 * empty folder gets a lock file of the tarball plus the runtime entries of ours (what npm would resolve online):
 * `npm ci --offline` then installs from the cache alone, and no dev dependency.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scenarioBuilder, startAwsServer } from '../../local-aws';
import { loopbackEnvironment } from '../../local-aws/lambda-harness';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean; link?: boolean }>;
};

let work: string;
let tarball: string;
let packedFiles: string[];

/** npm and npx with no way to reach a registry. */
const OFFLINE = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-package-'));
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
    env: OFFLINE,
    timeout: 180_000,
  });
  expect(packed.status).toBe(0);
  const [result] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, result!.filename);
  packedFiles = result!.files.map((f) => f.path);
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the bin, its bundle and the schemas; no sources, tests or dev tooling', () => {
  expect(packedFiles).toEqual(expect.arrayContaining(['bin/cli.js', 'dist/cli.js', 'schema/report.schema.json']));
  expect(packedFiles.filter((f) => /\.ts$|^test\/|^local-aws\/|^node_modules\//.test(f))).toEqual([]);
});

test('the bundle runs with nothing installed beside it (no dependency at run time)', () => {
  const bare = path.join(work, 'bare');
  fs.mkdirSync(bare);
  expect(spawnSync('tar', ['xzf', tarball, '-C', bare]).status).toBe(0);
  const result = spawnSync(process.execPath, [path.join(bare, 'package', 'bin', 'cli.js'), 'check', '--help'], {
    cwd: bare,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '' },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('Usage: npx iam-cert-expiry-monitor check [options]');
});

describe('installed into an empty folder, offline', () => {
  let folder: string;

  beforeAll(() => {
    folder = path.join(work, 'empty');
    fs.mkdirSync(folder);
    const dependency = `file:${tarball}`;
    const manifest = {
      name: 'empty-folder',
      version: '1.0.0',
      private: true,
      dependencies: { [pkg.name]: dependency },
    };
    const runtime = Object.entries(lock.packages).filter(([key, entry]) => key !== '' && !entry.dev && !entry.link);
    const packages = {
      '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies },
      [`node_modules/${pkg.name}`]: {
        version: pkg.version,
        resolved: dependency,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
      },
      ...Object.fromEntries(runtime),
    };
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest));
    fs.writeFileSync(
      path.join(folder, 'package-lock.json'),
      JSON.stringify({ name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages }),
    );
    const installed = spawnSync('npm', ['ci', '--ignore-scripts'], {
      cwd: folder,
      encoding: 'utf8',
      env: OFFLINE,
      timeout: 240_000,
    });
    expect(installed.stderr).not.toMatch(/ENOTCACHED|ERR!/);
    expect(installed.status).toBe(0);
  }, 300_000);

  /** `npx iam-cert-expiry-monitor ...` in the folder, asynchronously (the loopback server lives in this process). */
  function npx(args: string[], env: Record<string, string> = {}) {
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('npx', ['iam-cert-expiry-monitor', ...args], { cwd: folder, env: { ...OFFLINE, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  test('no dev dependency was installed', () => {
    const installed = fs.readdirSync(path.join(folder, 'node_modules'));
    for (const dev of ['tsx', 'esbuild', 'typescript', 'jest']) expect(installed).not.toContain(dev);
  });

  test('npx iam-cert-expiry-monitor check --help and --version', async () => {
    const help = await npx(['check', '--help']);
    expect(help).toMatchObject({ status: 0, stderr: '' });
    expect(help.stdout).toContain('Exit codes (account and organization modes');
    const version = await npx(['--version']);
    expect(version).toMatchObject({ status: 0, stdout: `${pkg.name} ${pkg.version}\n` });
  }, 60_000);

  test('npx iam-cert-expiry-monitor check --json scans the loopback account: exit 1, the JSON report', async () => {
    const scenario = scenarioBuilder({ now: new Date() }).certificate('shop', { expiresInDays: 3 }).build();
    const server = await startAwsServer({ scenario });
    try {
      const env = loopbackEnvironment(server.endpoint);
      const result = await npx(['check', '--json', '--regions', 'us-east-1'], env);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(1);
      expect(JSON.parse(result.stdout).findings).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 60_000);

  test('npx iam-cert-expiry-monitor demo: the package says it needs a clone (exit 2)', async () => {
    const result = await npx(['demo']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('demo runs from a clone of the repository');
  }, 60_000);
});
