import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  nodeSupportNotice,
  noteNodeSupport,
  SDK_NEXT_MIN_NODE_MAJOR,
  SDK_WARNING_SWITCH,
} from '../../bin/node-support';

const ROOT = path.resolve(__dirname, '..', '..');
const packageJson = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { engines?: { node?: string } };
const lowerBound = (range: string) => Number(/>=\s*(\d+)/.exec(range)?.[1]);

describe('the one-line notice', () => {
  test.each(['v20.20.2', 'v21.7.3', '20.0.0'])(
    'Node.js %s: one line naming the version and the next minimum',
    (version) => {
      const notice = nodeSupportNotice(version)!;
      expect(notice).toContain(version);
      expect(notice).toContain(`Node.js ${SDK_NEXT_MIN_NODE_MAJOR} or newer`);
      expect(notice).not.toContain('\n');
    },
  );

  test.each(['v22.0.0', 'v24.11.1', 'v30.1.0'])('Node.js %s: nothing', (version) => {
    expect(nodeSupportNotice(version)).toBeUndefined();
  });

  test('on an old Node.js it replaces the SDK warning (the variable the SDK documents) with the notice on stderr', () => {
    const written: string[] = [];
    const env: Record<string, string | undefined> = {};
    noteNodeSupport({ version: 'v20.20.2', env, stderr: { write: (t: string) => written.push(t) } });
    expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    expect(written).toEqual([`${nodeSupportNotice('v20.20.2')}\n`]);

    const untouched: Record<string, string | undefined> = {};
    noteNodeSupport({ version: 'v24.11.1', env: untouched, stderr: { write: (t: string) => written.push(t) } });
    expect(untouched).toEqual({});
    expect(written).toHaveLength(1);
  });

  test('once: a second call (its own switch now set) prints nothing', () => {
    const written: string[] = [];
    const proc = { version: 'v20.20.2', env: {}, stderr: { write: (t: string) => written.push(t) } };
    noteNodeSupport(proc);
    noteNodeSupport(proc);
    expect(written).toHaveLength(1);
  });

  test("the user's AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true silences it; another value does not", () => {
    const written: string[] = [];
    const write = { write: (t: string) => written.push(t) };
    noteNodeSupport({ version: 'v20.20.2', env: { [SDK_WARNING_SWITCH]: 'true' }, stderr: write });
    expect(written).toEqual([]);
    noteNodeSupport({ version: 'v20.20.2', env: { [SDK_WARNING_SWITCH]: '1' }, stderr: write });
    expect(written).toHaveLength(1);
  });

  test('--quiet: the SDK is silenced, and nothing is printed', () => {
    const written: string[] = [];
    const env: Record<string, string | undefined> = {};
    noteNodeSupport({ version: 'v20.20.2', env, stderr: { write: (t: string) => written.push(t) } }, true);
    expect(env[SDK_WARNING_SWITCH]).toBe('true');
    expect(written).toEqual([]);
  });

  test("the switch's name and accepted value are the SDK's own (its source in node_modules)", () => {
    const source = fs.readFileSync(
      path.join(ROOT, 'node_modules', '@aws-sdk', 'core', 'dist-cjs', 'submodules', 'client', 'index.js'),
      'utf8',
    );
    expect(source).toContain(`process.env.${SDK_WARNING_SWITCH} === "true"`);
  });
});

test('package.json engines is the highest minimum of the pinned runtime dependencies (it changes when an SDK update needs a newer Node.js)', () => {
  const ours = lowerBound(packageJson(ROOT).engines!.node!);
  const pinned = [
    '@aws-sdk/core',
    '@aws-sdk/client-iam',
    '@aws-sdk/client-sns',
    'aws-cdk-lib',
    '@smithy/node-http-handler',
  ].map((name) => lowerBound(packageJson(path.join(ROOT, 'node_modules', name)).engines?.node ?? '>=0'));
  expect(ours).toBe(Math.max(...pinned));
});
