/**
 * Supply chain: the deployed bundle holds runtime dependencies only. The lock file marks every package that only
 * development needs with `dev: true`; no file of such a package may end up in the handler's bundle.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('handler bundle', () => {
  it('contains runtime dependencies only (no package the lock file marks dev)', async () => {
    const result = await build({
      entryPoints: [join(root, 'lambda', 'handler.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      mainFields: ['module', 'main'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      // A worktree's node_modules is a symlink: keep its paths, which the lock file's keys name.
      preserveSymlinks: true,
    });
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const packages = new Set(
      Object.keys(result.metafile.inputs).flatMap((input) => {
        const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
        return match ? [match[1]] : [];
      }),
    );
    expect(packages.size).toBeGreaterThan(10);
    const devOnly = [...packages].filter((p) => lock.packages[p]?.dev === true || lock.packages[p] === undefined);
    expect(devOnly).toEqual([]);
  });
});
