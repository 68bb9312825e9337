/**
 * Builds the checker exactly as the stack deploys it (lib/constructs/checker-function.ts → NodejsFunction
 * bundling → esbuild): ESM, minified, linked source map, `node24` target, `module,main` main fields, the
 * createRequire banner (target and banner imported from the construct); with the AWS SDK bundled, or left
 * external (`@aws-sdk/*`, which is what `bundleAwsSDK: false` makes CDK pass, so the runtime's copy is used).
 * Keep the other options in step with the construct's `bundling` block.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUNDLE_TARGET, ESM_REQUIRE_BANNER } from '../lib/constructs/checker-function';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const OUT_DIR = path.join(PROJECT_ROOT, 'bench', 'out');

export type SdkMode = 'bundled' | 'external';

export interface BuiltBundle {
  readonly mode: SdkMode;
  /** Absolute path of handler.mjs. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly sourceMapBytes: number;
}

export async function buildHandler(mode: SdkMode): Promise<BuiltBundle> {
  const file = path.join(OUT_DIR, mode, 'handler.mjs');
  await build({
    entryPoints: [path.join(PROJECT_ROOT, 'lambda', 'handler.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: BUNDLE_TARGET,
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    banner: { js: ESM_REQUIRE_BANNER },
    external: mode === 'external' ? ['@aws-sdk/*'] : [],
    logLevel: 'error',
  });
  const code = readFileSync(file);
  return {
    mode,
    file,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    sourceMapBytes: statSync(`${file}.map`).size,
  };
}

/** The child-process runner that imports a handler bundle and invokes it once (bench/invoke.ts). */
export async function buildInvoker(): Promise<string> {
  const file = path.join(OUT_DIR, 'invoke.mjs');
  await build({
    entryPoints: [path.join(PROJECT_ROOT, 'bench', 'invoke.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
  });
  return file;
}
