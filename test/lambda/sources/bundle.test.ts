/**
 * The renderers reach the sources' pure parts only: a bundle that renders but never lists (the organization
 * aggregate function) holds no listing adapter and none of the SDK clients they use.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** The files and packages that put bytes into the minified bundle of `entry`. */
async function bundled(entry: string): Promise<{ files: string[]; packages: Set<string> }> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const files = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => file);
  const packages = new Set(files.flatMap((f) => /node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(f)?.[1] ?? []));
  return { files, packages };
}

const LISTING_CLIENTS = [
  '@aws-sdk/client-cloudfront',
  '@aws-sdk/client-ec2',
  '@aws-sdk/client-elastic-load-balancing',
  '@aws-sdk/client-elastic-load-balancing-v2',
];

describe('bundles', () => {
  it('the aggregate function renders with the registry but holds no listing adapter or client', async () => {
    const { files, packages } = await bundled('lambda/org/aggregate-handler.ts');
    expect(files).toEqual(expect.arrayContaining(['lambda/render/remediation.ts', 'lambda/sources/cloudfront.ts']));
    expect(files.filter((f) => /^lambda\/aws\/(classic-elb|elbv2|cloudfront|regions)\.ts$/.test(f))).toEqual([]);
    expect(LISTING_CLIENTS.filter((c) => packages.has(c))).toEqual([]);
  });

  it('the checker, which lists, holds them all', async () => {
    const { packages } = await bundled('lambda/handler.ts');
    expect(LISTING_CLIENTS.filter((c) => packages.has(c))).toEqual(LISTING_CLIENTS);
  });
});
