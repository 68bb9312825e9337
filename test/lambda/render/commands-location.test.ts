import { buildChatbotNotification } from '../../../lambda/render/chatbot';
import { commandsAt } from '../../../lambda/render/commands-location';
import { fullView } from '../../../lambda/render/render-view';
import { renderPublishRequests } from '../../../lambda/render/publish-requests';
import { realisticReport } from '../../fixtures/reports/realistic';

describe('where the commands are, given who the deployment alerts', () => {
  test.each([
    [undefined, 'the email has the commands'],
    [['email'] as const, 'the email has the commands'],
    [['email', 'slack'] as const, 'the email has the commands'],
    [['slack', 'elsewhere'] as const, 'the JSON report on the alert topic has the commands'],
    [
      ['slack'] as const,
      '`npx iam-cert-expiry-monitor check --json`, run in a clone of the monitor, prints the commands',
    ],
  ])('%j: %s', (subscribers, expected) => {
    expect(commandsAt(subscribers, 'the commands')).toBe(expected);
  });
});

describe('the Slack message in a Slack-only deployment', () => {
  const steps = (subscribers?: readonly ('email' | 'slack' | 'elsewhere')[]) =>
    buildChatbotNotification({ ...fullView(realisticReport), ...(subscribers ? { subscribers } : {}) }).content
      .nextSteps ?? [];

  test('never points at an email, and says where the commands are', () => {
    const slackOnly = steps(['slack']).join('\n');
    expect(steps().join('\n')).toContain('the email has the exact commands for each one');
    expect(slackOnly).not.toMatch(/email/);
    expect(slackOnly).toContain('`npx iam-cert-expiry-monitor check --json`, run in a clone of the monitor, prints');
  });

  test('the published https variant carries it (the packing measures the same text)', () => {
    const [request] = [...renderPublishRequests(realisticReport, { subscribers: ['slack'] })];
    const https = JSON.parse((JSON.parse(request!.message) as { https: string }).https) as {
      content: { nextSteps: string[] };
    };
    expect(https.content.nextSteps.join('\n')).not.toMatch(/email/);
  });
});
