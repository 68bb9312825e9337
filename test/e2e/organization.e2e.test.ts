/**
 * The organization run end to end over HTTP: the three real handler modules (cold-started with the stack's
 * environment), real SDK clients, the loopback server as 1 management and 3 member accounts, and the Step
 * Functions Distributed Map emulated with its documented ResultWriter output.
 */
import { ORGANIZATION_READ_ACTIONS, accountReportKey } from '../../contract/organization';
import { scenarioBuilder, type AwsServer, type Scenario } from '../../local-aws';
import { TEST_TOPIC } from '../../local-aws/lambda-harness';
import { LOCAL_RUN_DATA_BUCKET } from '../../local-aws/org-harness';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';
import type { StateMachineRun } from '../../local-aws/state-machine-run';
import { accountEstate, MANAGEMENT, runColdStarted, runOrganization } from './org-run';
import { expectValid, validateOrgReport } from '../lambda/render/support';

const now = new Date();
const WEB = '222222222222';
const API = '333333333333';
const SANDBOX = '444444444444';

let server: AwsServer;
let restoreEnv: () => void = () => undefined;

afterEach(async () => {
  restoreEnv();
  await server?.close();
});

function estate(
  accountId: string,
  build: (b: ReturnType<typeof scenarioBuilder>) => ReturnType<typeof scenarioBuilder> = (b) => b,
): Scenario {
  return accountEstate(now, accountId, build);
}

function organization(members: { web: Scenario; api: Scenario }): OrganizationScenario {
  return {
    managementAccountId: MANAGEMENT,
    organizationalUnits: [{ id: 'ou-loop-prod0001', name: 'Production' }],
    accounts: [
      { id: MANAGEMENT, name: 'management', memberRole: 'missing' },
      { id: WEB, name: 'prod-web', parentId: 'ou-loop-prod0001', estate: members.web },
      { id: API, name: 'prod-api', parentId: 'ou-loop-prod0001', estate: members.api },
      {
        id: SANDBOX,
        name: 'sandbox',
        memberRole: 'missing',
        estate: estate(SANDBOX, (b) => b.certificate('hidden', { expiresInDays: 1 })),
      },
    ],
  };
}

async function run(
  org: OrganizationScenario,
  management: Scenario = estate(MANAGEMENT, (b) => b.certificate('ok', { expiresInDays: 300 }).topic(TEST_TOPIC)),
  environment: { readonly excludeAccounts?: readonly string[]; readonly overrides?: Record<string, string> } = {},
): Promise<StateMachineRun> {
  const started = await runOrganization({ organization: org, management, ...environment });
  ({ server, restoreEnv } = started);
  return started.run;
}

const attributes = (i: number) =>
  Object.fromEntries(Object.entries(server.published[i]!.messageAttributes).map(([k, v]) => [k, v.stringValue]));
const variants = (i: number) => JSON.parse(server.published[i]!.message) as Record<string, string>;

/** The same organization run again on the same server (its faults as set now), with a clean request log. */
async function rerun(): Promise<StateMachineRun> {
  server.reset();
  return runColdStarted(server);
}

describe('organization run over HTTP', () => {
  // The Slack channel reads a topic of its own, which gets the digest and no per-account message.
  it('publishes the digest alone to the chat digest topic, and everything to the alert topic', async () => {
    const chat = TEST_TOPIC.replace(/iam-cert-expiry-alerts$/, 'chat-digest');
    await run(
      organization({
        web: estate(WEB, (b) => b.certificate('shop', { expiresInDays: 3 }).alb('us-east-1', 'web-alb', 'shop')),
        api: estate(API, (b) => b.certificate('shop', { expiresInDays: -1 }).nlb('us-east-1', 'api-nlb', 'shop')),
      }),
      estate(MANAGEMENT, (b) => b.certificate('ok', { expiresInDays: 300 }).topic(TEST_TOPIC).topic(chat)),
      { overrides: { CHAT_DIGEST_TOPIC_ARN: chat } },
    );
    const scopes = (topic: string) =>
      server.published.filter((m) => m.topicArn === topic).map((m) => m.messageAttributes.scope?.stringValue);
    expect(scopes(chat)).toEqual(['organization']);
    expect(scopes(TEST_TOPIC)).toEqual(['organization', 'account', 'account']);
    const [toChat] = server.published.filter((m) => m.topicArn === chat);
    expect(JSON.parse(toChat!.message).https).toBe(
      JSON.parse(server.published.find((m) => m.topicArn === TEST_TOPIC)!.message).https,
    );
  });

  // Every account looked at, each with its status; the footer once.
  it('names every account with its status: clean, partly checked with its gaps, not checked, suspended, skipped', async () => {
    const base = organization({
      web: scenarioBuilder({ now })
        .account(WEB)
        .regions('us-east-1', 'eu-west-1')
        .certificate('shop', { expiresInDays: 3 })
        .alb('us-east-1', 'web-alb', 'shop')
        .build(),
      api: estate(API, (b) => b.certificate('shop', { expiresInDays: -1 })),
    });
    const org = {
      ...base,
      accounts: [...base.accounts, { id: '555555555555', name: 'closed', state: 'SUSPENDED' as const }],
    };
    const result = await run(org, undefined, { excludeAccounts: [API], overrides: { REGIONS: 'us-east-1' } });
    expect(result.summary).toMatchObject({ accountsListed: 5, accountsChecked: 2, accountsNotChecked: 1 });
    const digest = variants(0);
    const flat = digest.email!.replace(/\s+/g, ' ');
    for (const line of [
      `${MANAGEMENT} (management): clean`,
      `${WEB} (prod-web): partly checked, 1 certificate flagged; 1 enabled region not checked: eu-west-1 (excluded by configuration)`,
      `${API} (prod-api): skipped (excluded) (excluded by configuration)`,
      `${SANDBOX} (sandbox): not checked (role not found or not assumable)`,
      '555555555555 (closed): suspended (state SUSPENDED)',
    ])
      expect(flat).toContain(line);
    expect(digest.email!.match(/^About this alert$/gm)).toHaveLength(1);
    const json = JSON.parse(digest.sqs!);
    expectValid(validateOrgReport, json);
    expect(json.accountStatuses.map((s: { id: string; status: string }) => `${s.id} ${s.status}`)).toEqual([
      `${MANAGEMENT} clean`,
      `${WEB} partly-checked`,
      `${API} skipped`,
      `${SANDBOX} not-checked`,
      '555555555555 suspended',
    ]);
    expect(json.reports[0].coverage.regionsNotChecked).toEqual([
      { region: 'eu-west-1', reason: 'excluded', detail: 'not in the configured regions' },
    ]);
  });

  it('reports each account, names the account whose role is refused, and publishes a digest plus one message per account', async () => {
    const result = await run(
      organization({
        web: estate(WEB, (b) => b.certificate('shop', { expiresInDays: 3 }).alb('us-east-1', 'web-alb', 'shop')),
        api: estate(API, (b) => b.certificate('shop', { expiresInDays: -1 }).nlb('us-east-1', 'api-nlb', 'shop')),
      }),
    );

    expect(result.summary).toEqual({
      accountsListed: 4,
      accountsChecked: 3,
      accountsNotChecked: 1,
      accountsWithFindings: 2,
      messagesPublished: 3,
      notDelivered: [],
    });
    expect(result.listed.accounts.accountCount).toBe(4);
    expect(server.published).toHaveLength(3);

    // The digest first: scope=organization, no account attribute (an account filter never matches it).
    expect(attributes(0)).toEqual({ scope: 'organization', severity: 'expired' });
    expect(server.published[0]!.subject).toBe('[EXPIRED] 2 IAM certificates need renewal in 2 of 4 AWS accounts');
    const digest = variants(0);
    const text = digest.email!;
    // One line per account with findings, most urgent first; the same certificate name twice = two findings.
    expect(text.indexOf(`${API} (prod-api): 1 expired`)).toBeGreaterThan(0);
    expect(text.indexOf(`${WEB} (prod-web): 1 critical`)).toBeGreaterThan(text.indexOf(`${API} (prod-api)`));
    expect(text).toContain(`NOT CHECKED (1)`);
    expect(text).toContain(`${SANDBOX} (sandbox): role not found or not assumable`);
    expect(text.match(/\[1\] (EXPIRED|CRITICAL): shop/g)).toHaveLength(2);
    const json = JSON.parse(digest.sqs!);
    expectValid(validateOrgReport, json);
    expect(json.summary).toMatchObject({
      accountsListed: 4,
      accountsNotChecked: 1,
      accountsWithFindings: 2,
      counts: { expired: 1, critical: 1, total: 2 },
      complete: false,
    });
    expect(json.notChecked).toEqual([{ id: SANDBOX, name: 'sandbox', reason: 'role not found or not assumable' }]);
    expect(json.reports.map((r: { account: { id: string } }) => r.account.id)).toEqual([API, WEB]);
    expect(JSON.parse(digest.https!).content.description).toContain(':warning: *NOT CHECKED*');

    // One message per account with findings, for subscription filter policies on scope and account.
    expect([attributes(1), attributes(2)]).toEqual([
      { scope: 'account', account: API, severity: 'expired' },
      { scope: 'account', account: WEB, severity: 'critical' },
    ]);
    expect(server.published[2]!.subject).toContain(`(${WEB})`);
    expect(variants(2).email).toContain('ALB web-alb, us-east-1, HTTPS:443');
    // A member account's fix-it commands start with a guard naming that account.
    expect(variants(2).email).toContain(
      `[ "$(aws sts get-caller-identity --query Account --output text)" = "${WEB}" ] || exit 1`,
    );
    expect(digest.email).toContain(`= "${API}" ] || exit 1`);
  });

  it('a quiet organization publishes nothing, and a quiet member costs AssumeRole + ListServerCertificates', async () => {
    const quiet = (id: string) => estate(id, (b) => b.certificate('fine', { expiresInDays: 120 }));
    const org = organization({ web: quiet(WEB), api: quiet(API) });
    const result = await run({ ...org, accounts: org.accounts.filter((a) => a.id !== SANDBOX) });

    expect(result.summary).toEqual({
      accountsListed: 3,
      accountsChecked: 3,
      accountsNotChecked: 0,
      accountsWithFindings: 0,
      messagesPublished: 0,
      notDelivered: [],
    });
    expect(server.published).toHaveLength(0);
    expect(server.countBy('serviceAction', { service: 'sts' })).toEqual({ 'sts:AssumeRole': 2 });
    expect(server.countBy('serviceAction', { service: 'iam' })).toEqual({ 'iam:ListServerCertificates': 3 });
    const organizationsActions = Object.keys(server.countBy('action', { service: 'organizations' })).map(
      (a) => `organizations:${a}`,
    );
    expect(organizationsActions.sort()).toEqual([...ORGANIZATION_READ_ACTIONS].sort());
  });

  it('a member whose reads are denied is "access denied"; the others are still reported', async () => {
    const first = await run(
      organization({
        web: estate(WEB, (b) => b.certificate('shop', { expiresInDays: 3 })),
        api: estate(API, (b) => b.certificate('api', { expiresInDays: 2 })),
      }),
    );
    expect(first.summary.accountsWithFindings).toBe(2);

    server.setFaults([{ kind: 'access-denied', service: 'iam', action: 'ListServerCertificates', accountId: API }]);
    const second = await rerun();
    expect(second.summary).toMatchObject({ accountsChecked: 2, accountsNotChecked: 2, accountsWithFindings: 1 });
    expect(JSON.parse(variants(0).sqs!).notChecked).toEqual([
      { id: API, name: 'prod-api', reason: 'access denied' },
      { id: SANDBOX, name: 'sandbox', reason: 'role not found or not assumable' },
    ]);
  });

  // A quiet member's scan gaps reach the aggregate step (unit-tested in test/lambda/org). Its load
  // balancers are read only for flagged certificates, so a quiet member's denied ELB reads are never made: no gap,
  // and "clean" claims only that nothing in IAM needs attention.
  it('a quiet member whose ELB reads would be denied is not read there and is named clean, with no gap', async () => {
    const result = await run(
      organization({
        web: estate(WEB, (b) => b.certificate('shop', { expiresInDays: 3 }).alb('us-east-1', 'web-alb', 'shop')),
        api: estate(API, (b) => b.certificate('later', { expiresInDays: 200 }).nlb('us-east-1', 'api-nlb', 'later')),
      }),
    );
    server.setFaults([
      { kind: 'access-denied', service: 'elb', accountId: API },
      { kind: 'access-denied', service: 'elbv2', accountId: API },
    ]);
    const second = await rerun();
    expect(result.results.find((r) => r.account.accountId === API)).toMatchObject({ status: 'checked', flagged: 0 });
    const api = second.results.find((r) => r.account.accountId === API);
    expect(api).toEqual({
      status: 'checked',
      account: expect.objectContaining({ accountId: API }),
      certificatesScanned: 1,
      flagged: 0,
    });
    expect(server.requests.filter((r) => r.accountId === API && r.service.startsWith('elb'))).toEqual([]);
    expect(server.requests.some((r) => r.accountId === WEB && r.service === 'elbv2')).toBe(true);
    const json = JSON.parse(variants(0).sqs!);
    expect(json.accountStatuses.find((s: { id: string }) => s.id === API)).toMatchObject({ status: 'clean' });
  });

  it('a large account report travels through S3, and the digest still carries it', async () => {
    const result = await run(
      organization({
        web: estate(WEB, (b) => {
          let builder = b.certificate('wildcard', { expiresInDays: 4 });
          for (let i = 0; i < 220; i++) builder = builder.alb('us-east-1', `alb-${i}`, 'wildcard');
          return builder;
        }),
        api: estate(API),
      }),
    );
    const web = result.results.find((r) => r.account.accountId === WEB);
    expect(web).toMatchObject({ status: 'checked', flagged: 1, reportKey: accountReportKey(result.runId, WEB) });
    expect(server.objects.get(LOCAL_RUN_DATA_BUCKET, accountReportKey(result.runId, WEB))).toContain('alb-219');
    const json = JSON.parse(variants(0).sqs!);
    expect(json.reports[0].account.id).toBe(WEB);
    expect(json.reports[0].summary.counts.total).toBe(1);
  });
});
