/** `npm run check -- --security-hub --event-bus NAME`: the laptop scan delivers to both sinks, same exit codes. */
import { main } from '../../bin/check';
import { scenarioBuilder, startAwsServer, type AwsServer } from '../../local-aws';
import { applyEnvironment, loopbackEnvironment, TEST_ACCOUNT, TEST_TOPIC } from '../../local-aws/lambda-harness';

const now = new Date();
let server: AwsServer | undefined;
let restore: () => void = () => undefined;

async function check(argv: string[], options: { expiresInDays?: number; securityHub?: boolean } = {}) {
  server = await startAwsServer({
    scenario: scenarioBuilder({ now })
      .regions('us-east-1')
      .certificate('shop', { expiresInDays: options.expiresInDays ?? 3 })
      .alb('us-east-1', 'shop-alb', 'shop')
      .securityHub(options.securityHub ?? true)
      .topic(TEST_TOPIC)
      .build(),
  });
  restore = applyEnvironment(loopbackEnvironment(server.endpoint));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { env: process.env, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(async () => {
  restore();
  await server?.close();
  server = undefined;
});

describe('npm run check with the sink options', () => {
  it('imports the finding and puts the event, publishing nothing without --publish; exit 1', async () => {
    const { code } = await check(['--security-hub', '--event-bus', 'certs']);
    expect(code).toBe(1);
    expect(server!.securityHubFindings(TEST_ACCOUNT, 'us-east-1')).toHaveLength(1);
    expect(server!.events({ eventBusName: 'certs' })).toHaveLength(1);
    expect(server!.published).toHaveLength(0);
  });

  it('a quiet day still reads the monitor’s findings (to archive stale ones), naming the account from STS; exit 0', async () => {
    const { code } = await check(['--security-hub'], { expiresInDays: 200 });
    expect(code).toBe(0);
    expect(server!.securityHubFindings(TEST_ACCOUNT, 'us-east-1')).toEqual([]);
    expect(server!.countBy('action')).toMatchObject({ GetFindings: 1, GetCallerIdentity: 1 });
  });

  it('names a sink that could not deliver on stderr, with the usual exit code', async () => {
    const { code, err } = await check(['--security-hub'], { securityHub: false });
    expect(code).toBe(1);
    expect(err).toContain(
      'Security Hub (us-east-1): not delivered: InvalidAccessException: Security Hub CSPM is not enabled',
    );
  });

  it('refuses a bad bus and the sink options with --organization (exit 2)', async () => {
    const bad = await check(['--event-bus', 'aws.partner/x']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--event-bus: expected an EventBridge bus name');
    restore();
    await server!.close();
    const org = await check(['--organization', '--security-hub']);
    expect(org.code).toBe(2);
    expect(org.err).toContain('--security-hub and --event-bus: not available with --organization');
  });
});
