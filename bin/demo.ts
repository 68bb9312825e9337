#!/usr/bin/env node
/**
 * `npm run demo`: the monitor's main job with no AWS account. Starts the loopback AWS-protocol server on
 * 127.0.0.1 with the bundled sample estate, invokes the real Lambda handler exactly as the scheduler would,
 * and prints the alert: by default its summary and one certificate in full (two screens); `--full`: what every kind
 * of subscriber receives. `--organization`: the organization run (demo-organization.ts).
 */
import { join } from 'node:path';
import { loadScenarioFile, startAwsServer } from '../local-aws';
import { demoOrganization } from './demo-organization';
import { ENV } from '../contract/environment';
import { applyEnvironment, lambdaContext, loadAccountHandler, loopbackEnvironment } from '../local-aws/lambda-harness';
import { helpOrVersion, parseCommandLine } from './cli-options';
import { EXIT } from './exit-code';

const SAMPLE_ESTATE = join(__dirname, '..', 'local-aws', 'scenarios', 'sample-estate.json');
/** The bus the demo's EventBridge sink puts its events on (`-c eventBus=...` in a deployment). */
const DEMO_EVENT_BUS = 'certificate-alerts';

export const DEMO_USAGE = `Usage: npm run demo [-- options]

Runs the monitor's Lambda handler against a built-in sample account on a loopback AWS server (no AWS account,
nothing leaves 127.0.0.1) and prints the alert it publishes.

Options:
  --full           every SNS message in full: email text, Slack (AWS Chatbot) JSON and the JSON report
  --organization   the organization run: many accounts, one digest and one message per account
  --version        print the version
  -h, --help       show this help`;

const NEXT_STEPS = `
======== Next steps =====================================================
  npm run demo -- --full                 the whole alert: every certificate, the Slack and JSON variants
  npx iam-cert-expiry-monitor check      the same scan of your own account, read-only (docs/laptop-scan.md)
  npx cdk deploy -c alertEmails=you@example.com    deploy the daily monitor (README: Deploy)`;

/** The email text up to its second certificate: the summary and the first certificate with its commands. */
export function firstCertificateOnly(email: string): { readonly text: string; readonly more: boolean } {
  const second = /\n=+\n\[2\] /.exec(email);
  return second ? { text: email.slice(0, second.index), more: true } : { text: email, more: false };
}

export async function demo(out: (text: string) => void, options: { readonly full?: boolean } = {}): Promise<void> {
  // The estate is dated from this instant, and the handler runs at it: days left are exactly the file's. A whole
  // second, because certificate bodies keep no milliseconds (X.509 times): a date read from a body would be one
  // fraction of a second, and so one whole day, short.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const scenario = loadScenarioFile(SAMPLE_ESTATE, { now });
  const server = await startAwsServer({ scenario, latencyMs: 5 });
  const topicArn = scenario.topics?.[0];
  if (!topicArn) throw new Error(`${SAMPLE_ESTATE} names no SNS topic`);
  const restore = applyEnvironment(
    loopbackEnvironment(server.endpoint, {
      ALERT_TOPIC_ARN: topicArn,
      POWERTOOLS_LOG_LEVEL: 'WARN',
      // Both optional sinks on, as with -c securityHub=true -c eventBus=certificate-alerts.
      [ENV.securityHub]: 'true',
      [ENV.eventBus]: DEMO_EVENT_BUS,
    }),
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
      if (!options.full) {
        const { text, more } = firstCertificateOnly(variants.email ?? variants.default ?? '');
        out(text);
        if (more) out('\n[2] and the rest: npm run demo -- --full');
        continue;
      }
      out(variants.email ?? variants.default);
      out(banner('https: AWS Chatbot custom notification (Slack)'));
      out(JSON.stringify(JSON.parse(variants.https), null, 2));
      out(banner('sqs / lambda / email-json: JSON report'));
      out(JSON.stringify(JSON.parse(variants.sqs), null, 2));
    }
    const findings = server.securityHubFindings(scenario.accountId, 'us-east-1');
    const events = server.events({ eventBusName: DEMO_EVENT_BUS });
    if (options.full) {
      out(banner(`Security Hub CSPM: ${findings.length} finding(s) in us-east-1 (first shown)`));
      if (findings[0]) out(JSON.stringify(findings[0], null, 2));
      out(banner(`EventBridge: ${events.length} event(s) on ${DEMO_EVENT_BUS} (first shown)`));
      if (events[0]) out(JSON.stringify(events[0].event, null, 2));
    } else {
      out(
        `\nAlso delivered: ${findings.length} Security Hub CSPM finding(s) in us-east-1 and ${events.length} ` +
          `EventBridge event(s) on ${DEMO_EVENT_BUS} (shown with --full).`,
      );
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
    if (!options.full) out(NEXT_STEPS);
  } finally {
    restore();
    await server.close();
  }
}

function banner(title: string): string {
  return `\n${'='.repeat(8)} ${title} ${'='.repeat(Math.max(4, 70 - title.length))}\n`;
}

/** The command as a user runs it (`npm run demo`, `npx iam-cert-expiry-monitor demo`); resolves to the exit code. */
export async function demoCommand(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseCommandLine(argv, {
      full: { type: 'boolean', default: false },
      organization: { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${DEMO_USAGE}\n`);
    return EXIT.couldNotRun;
  }
  // `npm run demo | head`: the reader has what it wanted; stop quietly instead of an EPIPE stack.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const out = (text: string) => process.stdout.write(`${text}\n`);
  try {
    const info = helpOrVersion(args, DEMO_USAGE);
    if (info !== undefined) out(info);
    else if (args.organization) await demoOrganization(out);
    else await demo(out, { full: args.full });
    return EXIT.clean;
  } catch (error) {
    process.stderr.write(`demo failed: ${(error as Error).stack ?? (error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void demoCommand(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
