#!/usr/bin/env node
/**
 * `npm run demo`: the monitor's main job with no AWS account. Starts the loopback AWS-protocol server on
 * 127.0.0.1 with the bundled sample estate, invokes the real Lambda handler exactly as the scheduler would,
 * and prints what every kind of subscriber receives. `--organization`: the organization run (demo-organization.ts).
 */
import { join } from 'node:path';
import { loadScenarioFile, startAwsServer } from '../local-aws';
import { demoOrganization } from './demo-organization';
import { applyEnvironment, lambdaContext, loadAccountHandler, loopbackEnvironment } from '../local-aws/lambda-harness';

const SAMPLE_ESTATE = join(__dirname, '..', 'local-aws', 'scenarios', 'sample-estate.json');

export async function demo(out: (text: string) => void): Promise<void> {
  // The estate is dated from this instant, and the handler runs at it: days left are exactly the file's. A whole
  // second, because certificate bodies keep no milliseconds (X.509 times): a date read from a body would be one
  // fraction of a second, and so one whole day, short.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const scenario = loadScenarioFile(SAMPLE_ESTATE, { now });
  const server = await startAwsServer({ scenario, latencyMs: 5 });
  const topicArn = scenario.topics?.[0];
  if (!topicArn) throw new Error(`${SAMPLE_ESTATE} names no SNS topic`);
  const restore = applyEnvironment(
    loopbackEnvironment(server.endpoint, { ALERT_TOPIC_ARN: topicArn, POWERTOOLS_LOG_LEVEL: 'WARN' }),
  );
  try {
    out(
      `Loopback AWS at ${server.endpoint}: account ${scenario.accountId}, ${scenario.certificates.length} IAM certificates, ` +
        `${Object.keys(scenario.regions ?? {}).length} regions with load balancers, ${scenario.cloudFrontDistributions?.length ?? 0} CloudFront distribution(s).`,
    );
    out('Invoking the Lambda handler as the daily schedule would...\n');
    // Imported only now: the handler reads its settings from the environment at cold start, as in Lambda.
    const handler = loadAccountHandler(require, () => now);
    const started = Date.now();
    const summary = await handler(
      { source: 'aws.scheduler', 'detail-type': 'Scheduled Event' },
      lambdaContext(scenario.accountId),
    );
    const elapsedMs = Date.now() - started;

    for (const [i, message] of server.published.entries()) {
      const variants = JSON.parse(message.message) as Record<string, string>;
      const attributes = Object.entries(message.messageAttributes)
        .map(([k, v]) => `${k}=${v.stringValue}`)
        .join(' ');
      out(banner(`SNS message ${i + 1} of ${server.published.length}`));
      out(`Subject:    ${message.subject}\nAttributes: ${attributes} (for subscription filter policies)\n`);
      out(banner('email / default: plain text'));
      out(variants.email ?? variants.default);
      out(banner('https: AWS Chatbot custom notification (Slack)'));
      out(JSON.stringify(JSON.parse(variants.https), null, 2));
      out(banner('sqs / lambda / email-json: JSON report'));
      out(JSON.stringify(JSON.parse(variants.sqs), null, 2));
    }
    const calls = Object.entries(server.countBy('action'))
      .map(([action, n]) => `${action} ${n}`)
      .join(', ');
    out(banner('Run'));
    out(
      `${summary.certificatesScanned} certificates scanned, ${Object.values(summary.flagged).reduce((a, b) => a + b, 0)} flagged, ` +
        `${summary.regionsScanned} regions scanned, ${summary.complete ? 'complete' : 'INCOMPLETE'}, ` +
        `${summary.messagesPublished} message(s) published in ${elapsedMs} ms.`,
    );
    out(`${server.requests.length} AWS API calls: ${calls}.`);
  } finally {
    restore();
    await server.close();
  }
}

function banner(title: string): string {
  return `\n${'='.repeat(8)} ${title} ${'='.repeat(Math.max(4, 70 - title.length))}\n`;
}

if (require.main === module) {
  const run = process.argv.includes('--organization') ? demoOrganization : demo;
  run((text) => process.stdout.write(`${text}\n`)).catch((error: Error) => {
    process.stderr.write(`demo failed: ${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  });
}
