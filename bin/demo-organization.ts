/**
 * `npm run demo -- --organization`: the organization run with no AWS account. The loopback AWS server plays
 * a sample organization (local-aws/scenarios/sample-organization.json: a management account, members in two
 * OUs, one member whose role is missing, a suspended account); the three real Lambda handlers run in the
 * order the state machine calls them, with the Distributed Map's ItemReader and ResultWriter emulated.
 */
import { join } from 'node:path';
import { startAwsServer } from '../local-aws';
import { applyEnvironment, lambdaContext } from '../local-aws/lambda-harness';
import { loadOrgHandlers, loopbackOrgEnvironment } from '../local-aws/org-harness';
import { loadOrganizationScenarioFile, managementEstate } from '../local-aws/estate/organization-scenario';
import { orgRunDefinition } from '../local-aws/org-definition';
import { runStateMachine } from '../local-aws/state-machine-run';
import type { OrgJsonReport } from '../lambda/render/org-json-report';

const SAMPLE_ORGANIZATION = join(__dirname, '..', 'local-aws', 'scenarios', 'sample-organization.json');

export async function demoOrganization(out: (text: string) => void): Promise<void> {
  const organization = loadOrganizationScenarioFile(SAMPLE_ORGANIZATION, { now: new Date() });
  const management = managementEstate(organization);
  const topicArn = management.topics?.[0];
  if (!topicArn) throw new Error(`${SAMPLE_ORGANIZATION}: the management account names no SNS topic`);
  const server = await startAwsServer({ scenario: management, organization, latencyMs: 5 });
  const restore = applyEnvironment(
    loopbackOrgEnvironment(
      server.endpoint,
      { topicArn, organizationalUnits: [organization.rootId ?? 'r-loop'] },
      { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    ),
  );
  try {
    out(
      `Loopback AWS at ${server.endpoint}: organization ${organization.id} with ${organization.accounts.length} accounts ` +
        `(management ${organization.managementAccountId}, where the monitor runs).`,
    );
    out(
      'Running the state machine: ListAccounts -> Distributed Map (ScanAccount per batch of accounts) -> Aggregate...\n',
    );
    // Imported only now: each handler reads its settings from the environment at cold start, as in Lambda.
    const handlers = loadOrgHandlers(require);
    const started = Date.now();
    const run = await runStateMachine({
      definition: orgRunDefinition(),
      handlers,
      objects: server.objects,
      context: () => lambdaContext(organization.managementAccountId),
    });
    const elapsedMs = Date.now() - started;

    const digest = server.published.filter((m) => m.messageAttributes.scope?.stringValue === 'organization');
    const perAccount = server.published.filter((m) => m.messageAttributes.scope?.stringValue === 'account');

    // Every account the run looked at, as the digest's JSON names it: the scanned ones, and the suspended and
    // excluded ones the organization lists too, so the count matches the header's.
    out(banner('Accounts'));
    const firstDigest = digest[0] && (JSON.parse(digest[0].message) as Record<string, string>);
    const report = firstDigest ? (JSON.parse(firstDigest.sqs!) as OrgJsonReport) : undefined;
    const scanned = new Map(run.results.map((r) => [r.account.accountId, r]));
    for (const status of report?.accountStatuses ?? []) {
      const result = scanned.get(status.id);
      const certificates = result?.status === 'checked' ? `, ${result.certificatesScanned} certificates` : '';
      const flagged = status.findings > 0 ? `, ${status.findings} flagged` : '';
      const reason = status.reason ? `: ${status.reason}` : '';
      out(`  ${status.id} ${status.name.padEnd(18)} ${status.status}${certificates}${flagged}${reason}`);
    }

    for (const [i, message] of digest.entries()) {
      out(
        banner(
          `Organization digest${digest.length > 1 ? ` part ${i + 1} of ${digest.length}` : ''} (${attributes(message.messageAttributes)})`,
        ),
      );
      out(`Subject: ${message.subject}\n`);
      out((JSON.parse(message.message) as Record<string, string>).email!);
    }
    for (const [i, message] of perAccount.entries()) {
      out(banner(`Per-account message ${i + 1} of ${perAccount.length} (${attributes(message.messageAttributes)})`));
      out(`Subject: ${message.subject}\n`);
      out((JSON.parse(message.message) as Record<string, string>).email!);
    }
    out(banner('Run'));
    const s = run.summary;
    out(
      `${s.accountsListed} accounts listed, ${s.accountsChecked} checked, ${s.accountsNotChecked} not checked, ` +
        `${s.accountsListed - s.accountsChecked - s.accountsNotChecked} suspended or excluded, ` +
        `${s.accountsWithFindings} with findings; ${s.messagesPublished} message(s) published in ${elapsedMs} ms.`,
    );
    const calls = Object.entries(server.countBy('serviceAction'))
      .map(([action, n]) => `${action} ${n}`)
      .join(', ');
    out(`${server.requests.length} AWS API calls: ${calls}.`);
  } finally {
    restore();
    await server.close();
  }
}

function attributes(a: Readonly<Record<string, { readonly stringValue?: string }>>): string {
  return Object.entries(a)
    .map(([k, v]) => `${k}=${v.stringValue}`)
    .join(' ');
}

function banner(title: string): string {
  return `\n${'='.repeat(8)} ${title} ${'='.repeat(Math.max(4, 70 - title.length))}\n`;
}
