/**
 * Offline half of the integration test: the templates of the integ app (the monitor as deployed by `npm run integ`,
 * plus its assertions stack) must equal the committed snapshot, so a change to the stack cannot slip past the
 * integration test unnoticed. After an intended change: `UPDATE_INTEG_SNAPSHOT=1 npx jest test/integ`, then review
 * the diff (and run `npm run integ` in an account).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normaliseAssetHashes } from '../lib/synth-monitor';
import { buildIntegApp } from './integ-app';

const SNAPSHOT_DIR = path.join(__dirname, 'integ.monitor.ts.snapshot');

/** Asset hashes, and the salt integ-tests-alpha gives each assertion (the synth time, so that it re-runs on every deploy). */
function normalise(template: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(normaliseAssetHashes(template)).replace(/"salt":"\d+"/g, '"salt":"SALT"')) as Record<
    string,
    unknown
  >;
}

let outdir: string;
let synthesized: Record<string, unknown>;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-snapshot-'));
  const assembly = buildIntegApp(outdir).synth();
  synthesized = Object.fromEntries(
    assembly.stacks.map((s) => [s.templateFile, normalise(s.template as Record<string, unknown>)]),
  );
  if (process.env.UPDATE_INTEG_SNAPSHOT === '1') {
    fs.rmSync(SNAPSHOT_DIR, { recursive: true, force: true });
    fs.mkdirSync(SNAPSHOT_DIR);
    for (const [file, template] of Object.entries(synthesized))
      fs.writeFileSync(path.join(SNAPSHOT_DIR, file), `${JSON.stringify(template, null, 1)}\n`);
  }
});

afterAll(() => {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
});

test('the integ app has the monitor stack and the assertions stack, and the snapshot holds exactly those', () => {
  expect(Object.keys(synthesized).sort()).toEqual([
    'CertExpiryMonitorDefaultTestDeployAssert0A067E31.template.json',
    'IamCertExpiryMonitorInteg.template.json',
  ]);
  expect(fs.readdirSync(SNAPSHOT_DIR).sort()).toEqual(Object.keys(synthesized).sort());
});

test('each template equals its committed snapshot (asset hashes and assertion salts normalised)', () => {
  for (const [file, template] of Object.entries(synthesized)) {
    const committed = JSON.parse(fs.readFileSync(path.join(SNAPSHOT_DIR, file), 'utf8')) as unknown;
    expect({ file, template }).toEqual({ file, template: committed });
  }
});

test('the monitor under test is the product stack: first-run trigger, failed-runs alarm, plus only the test fixtures', () => {
  const types = Object.values(
    (synthesized['IamCertExpiryMonitorInteg.template.json'] as { Resources: Record<string, { Type: string }> })
      .Resources,
  ).map((r) => r.Type);
  expect(types).toContain('Custom::Trigger');
  expect(types.filter((t) => t === 'AWS::CloudWatch::Alarm')).toHaveLength(6);
  expect(types.filter((t) => t === 'AWS::CloudFormation::CustomResource')).toHaveLength(1); // the test certificate
});
