// Tests run on the repo's Node (20); the Lambda runs on a current runtime. Keep test output readable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// No test may reach AWS or the internet: any client not pointed elsewhere goes to a closed loopback port, with
// dummy credentials so the SDK never asks the instance metadata service (a non-loopback address) for some.
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTONLY00000000';
process.env.AWS_SECRET_ACCESS_KEY = 'test-only';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_REGION ??= 'us-east-1';
delete process.env.AWS_PROFILE;

// Quiet test output: jest's results only. esbuild keeps to warnings and errors (the template is unchanged:
// lib/constructs/function-bundling.ts), and CDK's own progress line before each bundling is dropped.
process.env.IAM_CERT_MONITOR_QUIET_BUNDLING = 'true';
const CDK_BUNDLING_PROGRESS = /^Bundling asset \S+\.\.\.\n$/;
const writeStderr = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
  typeof chunk === 'string' && CDK_BUNDLING_PROGRESS.test(chunk)
    ? true
    : writeStderr(chunk, ...rest)) as typeof process.stderr.write;
