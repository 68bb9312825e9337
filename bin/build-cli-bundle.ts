/**
 * `npm run build:cli` (and `npm pack`'s prepack): the CLI as one CommonJS file, dist/cli.js, with every dependency
 * inside, so the package runs with nothing installed beside it. The demo stays out (it needs a clone's sources).
 */
import { build } from 'esbuild';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
export const CLI_BUNDLE = join(ROOT, 'dist', 'cli.js');

export async function buildCliBundle(outfile = CLI_BUNDLE): Promise<string[]> {
  const result = await build({
    entryPoints: [join(ROOT, 'bin', 'cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    // bin/cli.ts: this folds the demo command away.
    define: { 'process.env.IAM_CERT_EXPIRY_MONITOR_PACKAGED': '"true"' },
    outfile,
    metafile: true,
    logLevel: 'warning',
  });
  // What the bundle still requires at run time: Node.js built-ins only.
  return [
    ...new Set(
      Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)),
    ),
  ];
}

if (require.main === module) {
  void buildCliBundle().then((external) => {
    const notBuiltIn = external.filter((name) => !name.startsWith('node:'));
    if (notBuiltIn.length > 0) {
      process.stderr.write(`dist/cli.js would need ${notBuiltIn.join(', ')} at run time\n`);
      process.exitCode = 1;
    }
  });
}
