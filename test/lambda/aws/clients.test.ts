/**
 * The clients' own timeouts, over real HTTP: a response that stalls after its headers (the loopback server's
 * hang) is abandoned after requestTimeoutMs and retried, up to maxAttempts. Every response here hangs, so no
 * healthy response races the timeout: a busy machine changes how long this takes, not what it finds.
 */
import { ListServerCertificatesCommand } from '@aws-sdk/client-iam';
import { AwsClients } from '../../../lambda/aws/clients';
import { scenarioBuilder, startAwsServer } from '../../../local-aws';
import { applyEnvironment, loopbackEnvironment } from '../../../local-aws/lambda-harness';

test('a response that stalls after its headers is abandoned after the timeout and retried, maxAttempts times', async () => {
  const server = await startAwsServer({
    scenario: scenarioBuilder({ now: new Date() }).certificate('web', { expiresInDays: 3 }).build(),
    faults: [{ kind: 'hang', service: 'iam' }],
  });
  const restoreEnv = applyEnvironment(loopbackEnvironment(server.endpoint));
  const clients = new AwsClients({
    maxAttempts: 2,
    connectionTimeoutMs: 1_000,
    requestTimeoutMs: 200,
    homeRegion: 'us-east-1',
  });
  try {
    const started = Date.now();
    await expect(clients.iam.send(new ListServerCertificatesCommand({}))).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 200);
    expect(server.requests.map((r) => r.fault)).toEqual(['hang', 'hang']);
    expect(clients.stats.retries).toBe(1);
  } finally {
    clients.destroy();
    restoreEnv();
    await server.close();
  }
});
