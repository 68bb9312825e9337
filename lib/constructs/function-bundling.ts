import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';

/**
 * Whether the AWS SDK is bundled into the artifact by default. Chosen by measurement (`npm run bench`, see
 * bench/results.json): bundled and minified, 1,155 KB (296 KB gzip), cold-start init 246 ms median and 90 MB RSS
 * after init; external (the runtime's SDK, resolved from node_modules), 84 KB but init 752 ms and 150 MB RSS:
 * loading the SDK's many modules from disk costs far more than parsing one minified file.
 */
export const DEFAULT_BUNDLE_AWS_SDK = true;

/** Repository root (this file lives in lib/constructs/). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** esbuild target of the bundle: the runtime below. The benchmark builds with the same settings. */
export const BUNDLE_TARGET = 'node24';

/** Lets CommonJS dependencies that call require() work inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Set to `true` (the test setup does) to keep esbuild to warnings and errors: its per-file size summary is noise in a
 * test log. Only the log goes: the asset hash is the hash of the output, so the template is the same either way.
 */
export const QUIET_BUNDLING_ENV = 'IAM_CERT_MONITOR_QUIET_BUNDLING';

/** The bundling option QUIET_BUNDLING_ENV asks for: none unless it is `true`. */
export function quietBundling(): Pick<nodejs.BundlingOptions, 'logLevel'> {
  return process.env[QUIET_BUNDLING_ENV] === 'true' ? { logLevel: nodejs.LogLevel.WARNING } : {};
}

/** Environment every bundled function gets: stack traces through the linked source maps. */
export const SOURCE_MAPS_ENVIRONMENT = { NODE_OPTIONS: '--enable-source-maps' } as const;

/**
 * The conventions every function of this project shares: a handler module bundled locally by esbuild (no Docker)
 * into minified ESM with linked source maps, ARM64, the newest Node.js runtime in aws-cdk-lib, JSON logs.
 * @param entry handler module (exports `handler`), relative to the repository root or absolute
 */
export function bundledFunctionProps(entry: string, bundleAwsSdk: boolean = DEFAULT_BUNDLE_AWS_SDK) {
  return {
    entry: path.resolve(PROJECT_ROOT, entry),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.WARN,
    bundling: {
      forceDockerBundling: false,
      format: nodejs.OutputFormat.ESM,
      mainFields: ['module', 'main'],
      minify: true,
      sourceMap: true,
      // Linked map: a separate .map file plus the sourceMappingURL comment that --enable-source-maps follows.
      sourceMapMode: nodejs.SourceMapMode.DEFAULT,
      sourcesContent: false,
      target: BUNDLE_TARGET,
      bundleAwsSDK: bundleAwsSdk,
      banner: ESM_REQUIRE_BANNER,
      ...quietBundling(),
    },
  } satisfies Partial<nodejs.NodejsFunctionProps>;
}
