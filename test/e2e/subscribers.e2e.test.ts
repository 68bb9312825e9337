/**
 * The stack tells the checker who the topic alerts (ALERT_SUBSCRIBERS); the real handler over HTTP then says where
 * the commands are in the Slack variant it publishes.
 */
import { loopbackAccount } from './account-run';
import { scenarioBuilder } from '../../local-aws';
import { lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';

const account = loopbackAccount();

async function slackSteps(subscribers: string | undefined): Promise<string> {
  const scenario = scenarioBuilder({ now: new Date() })
    .account('123456789012', 'acme-prod')
    .regions('us-east-1')
    .certificate('shop-2026', { expiresInDays: 3 })
    .alb('us-east-1', 'shop-alb', 'shop-2026')
    .topic(TEST_TOPIC)
    .build();
  await account.start({ scenario });
  await account.coldStart(subscribers === undefined ? {} : { ALERT_SUBSCRIBERS: subscribers })({}, lambdaContext());
  return account.published().slack.content.nextSteps.join('\n');
}

describe('where the Slack message says the commands are', () => {
  it('Slack only: not "the email", but the laptop check', async () => {
    const steps = await slackSteps('slack');
    expect(steps).not.toContain('email');
    expect(steps).toContain('`npx iam-cert-expiry-monitor check --json`, run in a clone of the monitor, prints');
  });

  it('with email subscribed, or a stack that does not say: the email', async () => {
    expect(await slackSteps('email,slack')).toContain('the email has the exact commands for each one');
    expect(await slackSteps(undefined)).toContain('the email has the exact commands for each one');
  });
});
