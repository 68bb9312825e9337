/**
 * The organization run end to end over HTTP, for what reaches each account's own sinks and messages: ACM renewals
 * read in the member itself, Security Hub findings imported into each member's own Security Hub, the run id (the
 * state machine's execution name) in every message, and a digest for an organization only partly checked.
 */
import type { AwsServer } from '../../local-aws';
import { acmCertificateArn, defaultProductArn, SNS_MAX_MESSAGE_BYTES } from '../../local-aws';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';
import { TEST_TOPIC } from '../../local-aws/lambda-harness';
import { LOCAL_RUN_DATA_BUCKET } from '../../local-aws/org-harness';
import type { StateMachineRun } from '../../local-aws/state-machine-run';
import { RUN_ID_FIELD } from '../../lambda/render/asff-finding';
import { accountEstate, MANAGEMENT, runOrganization, type OrgRunProps } from './org-run';

const now = new Date();
const WEB = '222222222222';
const API = '333333333333';
/**
 * An execution name as StartExecution allows it (no whitespace, no `:` or `/`; only 0-9, A-Z, a-z, - and _ for logging):
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sfn/aws.sdk.kotlin.services.sfn.model/-start-execution-request/name.html
 */
const RUN_ID = 'daily-2026-03-14T06-00-00Z_a1b2';

let server: AwsServer | undefined;
let restoreEnv: () => void = () => undefined;
afterEach(async () => {
  restoreEnv();
  await server?.close();
  server = undefined;
});

const management = (build: Parameters<typeof accountEstate>[2] = (b) => b) =>
  accountEstate(now, MANAGEMENT, (b) => build(b.certificate('ok', { expiresInDays: 300 }).topic(TEST_TOPIC)));

function organization(web: OrgRunProps['management'], api: OrgRunProps['management']): OrganizationScenario {
  return {
    managementAccountId: MANAGEMENT,
    accounts: [
      { id: MANAGEMENT, name: 'management' },
      { id: WEB, name: 'prod-web', estate: web },
      { id: API, name: 'prod-api', estate: api },
    ],
  };
}

async function run(props: Omit<OrgRunProps, 'runId'>): Promise<StateMachineRun> {
  const started = await runOrganization({ ...props, runId: RUN_ID });
  server = started.server;
  restoreEnv = started.restoreEnv;
  return started.run;
}

interface Message {
  readonly scope: string | undefined;
  readonly account: string | undefined;
  readonly subject: string | undefined;
  readonly variants: Record<string, string>;
}

function messages(): Message[] {
  return server!.published.map((m) => ({
    scope: m.messageAttributes.scope?.stringValue,
    account: m.messageAttributes.account?.stringValue,
    subject: m.subject,
    variants: JSON.parse(m.message) as Record<string, string>,
  }));
}

/** The run's one digest message (scope=organization). */
const digestOf = (all: readonly Message[]) => {
  const digests = all.filter((m) => m.scope === 'organization');
  expect(digests).toHaveLength(1);
  return digests[0]!;
};
const accountMessage = (all: readonly Message[], id: string) => {
  const own = all.filter((m) => m.scope === 'account' && m.account === id);
  expect(own).toHaveLength(1);
  return own[0]!;
};
/** The digest email's section of one account (from its heading to the next account's, or the footer). */
function sectionOf(email: string, id: string): string {
  const start = email.indexOf(`# ACCOUNT ${id} `);
  expect(start).toBeGreaterThan(0);
  const next = email.indexOf('# ACCOUNT ', start + 1);
  return email.slice(start, next > 0 ? next : email.indexOf('About this alert', start));
}
const requestAccounts = (filter: Parameters<AwsServer['requestsWhere']>[0]) =>
  server!.requestsWhere(filter).map((r) => r.accountId);

interface AcmRenewal {
  readonly region: string;
  readonly state: string;
  readonly certificate: { readonly arn: string } | null;
}
interface ReportJson {
  readonly account: { readonly id: string };
  readonly runId: string | null;
  readonly findings: readonly { readonly renewal: { readonly acm: readonly AcmRenewal[] } }[];
  readonly coverage: { readonly gaps: readonly { region: string; service: string; reason: string }[] };
  readonly deliveryFailures: readonly { sink: string; region: string; kind: string; reason: string }[];
}
/** An account report as far as what it leaves out: its counts, the certificates it names and those it does not. */
interface OmittingReport {
  readonly account: { readonly id: string };
  readonly summary: { readonly counts: { readonly total: number } };
  readonly findings: readonly { readonly certificate: { readonly name: string } }[];
  readonly omitted: { readonly findings: number };
}
const reportIn = (digestJson: { reports: ReportJson[] }, id: string) =>
  digestJson.reports.find((r) => r.account.id === id)!;

/** Both members serve an IAM certificate for shop.example.com in us-east-1 expiring within a week. */
const shop = (id: string, lb: 'alb' | 'nlb') =>
  accountEstate(now, id, (b) =>
    b
      .certificate('shop', { expiresInDays: id === WEB ? 3 : 2, hostnames: ['shop.example.com'] })
      [lb]('us-east-1', `${lb}-${id}`, 'shop'),
  );
/** An ACM certificate for shop.example.com that qualifies as the IAM one's renewal (key no weaker than EC P-256). */
const SHOP_ACM = { hostnames: ['shop.example.com'], expiresInDays: 390, keyAlgorithm: 'EC_prime256v1' } as const;

describe('organization run: ACM renewals', () => {
  it('finds a member’s renewal in its own ACM with its own credentials, never another account’s', async () => {
    const result = await run({
      organization: organization(
        accountEstate(now, WEB, (b) =>
          b
            .certificate('shop', { expiresInDays: 3, hostnames: ['shop.example.com'] })
            .alb('us-east-1', 'web-alb', 'shop')
            .acmCertificate('us-east-1', 'shop-acm', SHOP_ACM),
        ),
        // The same name in another member, with no ACM certificate of its own.
        shop(API, 'nlb'),
      ),
      // The hub's own ACM certificate covers the name too: it cannot serve a member's load balancer.
      management: management((b) => b.acmCertificate('us-east-1', 'hub-shop', SHOP_ACM)),
    });
    expect(result.summary).toMatchObject({ accountsWithFindings: 2, messagesPublished: 3 });
    const webAcm = acmCertificateArn('us-east-1', WEB, 'shop-acm');
    const all = messages();

    // The member's own message (scope=account) names its ACM certificate as the renewal found.
    const own = accountMessage(all, WEB);
    const ownReport = JSON.parse(own.variants.sqs!) as ReportJson;
    expect(ownReport.findings[0]!.renewal.acm).toEqual([
      expect.objectContaining({
        region: 'us-east-1',
        state: 'found',
        certificate: expect.objectContaining({ arn: webAcm }),
      }),
    ]);
    expect(own.variants.email!.replace(/\s+/g, ' ')).toContain(`ACM in us-east-1: ${webAcm}`);

    // So does its section of the digest; the other member's section finds none (not the hub's, not WEB's).
    const digest = digestOf(all);
    const digestJson = JSON.parse(digest.variants.sqs!) as { reports: ReportJson[] };
    expect(reportIn(digestJson, WEB).findings[0]!.renewal.acm).toEqual([
      expect.objectContaining({ state: 'found', certificate: expect.objectContaining({ arn: webAcm }) }),
    ]);
    expect(reportIn(digestJson, API).findings[0]!.renewal.acm).toEqual([
      expect.objectContaining({ region: 'us-east-1', state: 'none', certificate: null }),
    ]);
    const email = digest.variants.email!;
    expect(sectionOf(email, WEB).replace(/\s+/g, ' ')).toContain(`ACM in us-east-1: ${webAcm}`);
    expect(sectionOf(email, API).replace(/\s+/g, ' ')).toContain('ACM in us-east-1: none qualifies');
    expect(email).not.toContain(`arn:aws:acm:us-east-1:${MANAGEMENT}:`);
    expect(accountMessage(all, API).variants.email).not.toContain('arn:aws:acm:');

    // ACM was read with each member's assumed-role credentials (the server answers a key STS issued with the
    // role's account, any other key with the hub's): never with the hub's own, which has nothing flagged.
    expect(requestAccounts({ service: 'acm', action: 'ListCertificates' }).sort()).toEqual([WEB, API].sort());
    expect(requestAccounts({ service: 'acm', action: 'DescribeCertificate' })).toEqual([WEB]);
    expect(requestAccounts({ service: 'sts', action: 'AssumeRole' })).toEqual([MANAGEMENT, MANAGEMENT]);
  });
});

describe('organization run: Security Hub in each member', () => {
  it('imports each member’s findings into its own Security Hub; a failed import is a named delivery failure', async () => {
    const result = await run({
      organization: organization(shop(WEB, 'alb'), shop(API, 'nlb')),
      management: management(),
      overrides: { SECURITY_HUB: 'true' },
      // API's Security Hub refuses every finding (BatchImportFindings' FailedFindings).
      faults: [{ kind: 'entry-failure', service: 'securityhub', accountId: API }],
    });
    expect(result.summary).toMatchObject({ accountsChecked: 3, accountsWithFindings: 2, messagesPublished: 3 });

    const webFindings = server!.securityHubFindings(WEB, 'us-east-1');
    expect(webFindings).toEqual([
      expect.objectContaining({
        AwsAccountId: WEB,
        ProductArn: defaultProductArn('us-east-1', WEB),
        RecordState: 'ACTIVE',
        ProductFields: { [RUN_ID_FIELD]: RUN_ID },
        Resources: [expect.objectContaining({ Id: `arn:aws:iam::${WEB}:server-certificate/shop` })],
      }),
    ]);
    // Nothing lands in the hub's Security Hub, and the refused member holds nothing.
    expect(server!.securityHubFindings(MANAGEMENT, 'us-east-1')).toEqual([]);
    expect(server!.securityHubFindings(API, 'us-east-1')).toEqual([]);
    // Each import was made with the member's own credentials (with the default product the caller must be the
    // finding's AwsAccountId: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_BatchImportFindings.html);
    // the hub (quiet) only looked for findings to archive.
    expect(requestAccounts({ service: 'securityhub', action: 'BatchImportFindings' }).sort()).toEqual(
      [WEB, API].sort(),
    );
    expect(requestAccounts({ service: 'securityhub', action: 'GetFindings' }).sort()).toEqual(
      [MANAGEMENT, WEB, API].sort(),
    );

    // The refused member's finding is still in the digest and its own message, with the failure named.
    const all = messages();
    const digest = digestOf(all);
    const digestJson = JSON.parse(digest.variants.sqs!) as { reports: ReportJson[] };
    const api = reportIn(digestJson, API);
    expect(api.findings).toHaveLength(1);
    const notImported = {
      sink: 'Security Hub',
      region: 'us-east-1',
      kind: 'failed',
      reason: expect.stringMatching(/^FindingsNotImported: 1 of 1 findings were not imported/),
    };
    expect(api.deliveryFailures).toEqual([notImported]);
    expect(api.coverage.gaps).toEqual([]);
    expect(reportIn(digestJson, WEB).deliveryFailures).toEqual([]);
    expect(sectionOf(digest.variants.email!, API)).toContain('Security Hub (us-east-1): not delivered');
    expect(sectionOf(digest.variants.email!, WEB)).not.toContain('not delivered');
    const own = JSON.parse(accountMessage(all, API).variants.sqs!) as ReportJson;
    expect(own.deliveryFailures).toEqual([notImported]);
  });
});

describe('organization run: the run id', () => {
  it('names the execution in every message it publishes, and the run data prefix as the report location', async () => {
    await run({ organization: organization(shop(WEB, 'alb'), shop(API, 'nlb')), management: management() });
    const all = messages();
    expect(all.map((m) => m.scope)).toEqual(['organization', 'account', 'account']);
    const location = `s3://${LOCAL_RUN_DATA_BUCKET}/runs/${RUN_ID}/`;

    const digest = digestOf(all);
    const digestJson = JSON.parse(digest.variants.sqs!) as {
      runId: string;
      reportLocation: string;
      reports: ReportJson[];
    };
    expect(digestJson).toMatchObject({ runId: RUN_ID, reportLocation: location });
    expect(digestJson.reports.map((r) => r.runId)).toEqual([RUN_ID, RUN_ID]);
    expect(digest.variants.email!.trimEnd().endsWith(`Run id: ${RUN_ID}`)).toBe(true);
    const chat = JSON.parse(digest.variants.https!);
    expect(chat.id).toBe(`iam-cert-expiry-organization-${RUN_ID}`);
    expect(chat.metadata.additionalContext.runId).toBe(RUN_ID);

    for (const id of [WEB, API]) {
      const own = accountMessage(all, id);
      expect((JSON.parse(own.variants.sqs!) as ReportJson).runId).toBe(RUN_ID);
      expect(own.variants.email!.trimEnd().endsWith(`Run id: ${RUN_ID}`)).toBe(true);
      const ownChat = JSON.parse(own.variants.https!);
      expect(ownChat.id).toBe(`iam-cert-expiry-${id}-${RUN_ID}`);
      expect(ownChat.metadata.additionalContext.runId).toBe(RUN_ID);
    }
    // The location holds the run's data: the account list and the Map's results, nothing outside it.
    const keys = server!.objects.keys(LOCAL_RUN_DATA_BUCKET);
    expect(keys).toContain(`runs/${RUN_ID}/accounts.json`);
    expect(keys.some((k) => k.startsWith(`runs/${RUN_ID}/results/`) && k.endsWith('/manifest.json'))).toBe(true);
    expect(keys.filter((k) => !k.startsWith(`runs/${RUN_ID}/`))).toEqual([]);
  });
});

describe('organization run: the run id when a sink fails', () => {
  it('EventBridge refusing every event: the digest and each account message still name the run and its data', async () => {
    await run({
      organization: organization(shop(WEB, 'alb'), shop(API, 'nlb')),
      management: management(),
      overrides: { EVENT_BUS: 'certs' },
      faults: [{ kind: 'access-denied', service: 'eventbridge' }],
    });
    const all = messages();
    const digestJson = JSON.parse(digestOf(all).variants.sqs!) as { runId: string; reportLocation: string };
    expect(digestJson).toMatchObject({
      runId: RUN_ID,
      reportLocation: `s3://${LOCAL_RUN_DATA_BUCKET}/runs/${RUN_ID}/`,
    });
    expect(digestOf(all).variants.email!.trimEnd().endsWith(`Run id: ${RUN_ID}`)).toBe(true);
    for (const id of [WEB, API])
      expect((JSON.parse(accountMessage(all, id).variants.sqs!) as ReportJson).runId).toBe(RUN_ID);
  });
});

describe('organization run: partly checked, nothing flagged', () => {
  /**
   * A quiet member reads nothing beyond its certificate list (test/e2e/organization.e2e.test.ts), so its denied
   * load balancer reads leave no gap. A certificate whose listing gives no expiry is flagged until its body is read,
   * so its usages are scanned: a region denied there is a gap, though the body then shows nothing to flag.
   */
  const unknownExpiry = (faults: NonNullable<OrgRunProps['faults']>) =>
    run({
      organization: organization(
        accountEstate(now, WEB, (b) => b.certificate('fine', { expiresInDays: 200 })),
        accountEstate(now, API, (b) =>
          b
            .certificate('mystery', { expiration: null, uploadedDaysAgo: 30 })
            .alb('us-east-1', 'api-east', 'mystery')
            .alb('eu-west-1', 'api-west', 'mystery'),
        ),
      ),
      management: management(),
      faults,
    });

  it('with every read answered, the run is quiet and publishes nothing', async () => {
    const result = await unknownExpiry([]);
    expect(result.summary).toMatchObject({ accountsChecked: 3, accountsWithFindings: 0, messagesPublished: 0 });
    expect(server!.published).toEqual([]);
    // The member's load balancers were read (the control for the test below).
    expect(requestAccounts({ service: 'elbv2', action: 'DescribeLoadBalancers', region: 'eu-west-1' })).toEqual([API]);
  });

  it('ELBv2 denied in one region of a member: a [PARTLY CHECKED] digest naming it, no account message', async () => {
    const result = await unknownExpiry([
      { kind: 'access-denied', service: 'elbv2', region: 'eu-west-1', accountId: API },
    ]);
    expect(result.summary).toMatchObject({ accountsChecked: 3, accountsWithFindings: 0, messagesPublished: 1 });
    expect(result.results.find((r) => r.account.accountId === API)).toMatchObject({
      status: 'checked',
      flagged: 0,
      gaps: [expect.objectContaining({ region: 'eu-west-1', service: 'elbv2' })],
    });

    const all = messages();
    expect(all).toHaveLength(1);
    const digest = digestOf(all);
    expect(digest.subject).toBe('[PARTLY CHECKED] 1 of 3 AWS accounts checked only in part for IAM certificate expiry');
    const json = JSON.parse(digest.variants.sqs!);
    expect(json.runId).toBe(RUN_ID);
    expect(json.reports).toEqual([]);
    expect(json.accountStatuses.map((s: { id: string; status: string }) => `${s.id} ${s.status}`)).toEqual([
      `${MANAGEMENT} clean`,
      `${WEB} clean`,
      `${API} partly-checked`,
    ]);
    expect(json.accountStatuses[2].reason).toBe('not read: elbv2 in eu-west-1');
    expect(digest.variants.email).toContain(`${API} (prod-api): partly checked; not read: elbv2 in eu-west-1`);
    expect(digest.variants.email!.trimEnd().endsWith(`Run id: ${RUN_ID}`)).toBe(true);
  });
});

describe('organization run: the bounded digest', () => {
  it('accounts beyond what 10 parts hold: 10 parts within the SNS limit, each account once or counted', async () => {
    const members = Array.from({ length: 200 }, (_, i) => String(500_000_000_000 + i));
    const result = await run({
      organization: {
        managementAccountId: MANAGEMENT,
        accounts: [
          { id: MANAGEMENT, name: 'management' },
          ...members.map((id) => ({
            id,
            name: `team-${id.slice(-3)}`,
            estate: accountEstate(now, id, (b) => b.certificate('site', { expiresInDays: 5 })),
          })),
        ],
      },
      management: management(),
      overrides: { REGIONS: 'us-east-1' },
    });
    expect(result.summary).toMatchObject({ accountsListed: 201, accountsWithFindings: 200 });

    const all = messages();
    for (const m of server!.published) expect(Buffer.byteLength(m.message)).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    // Each account's own message, once.
    expect(
      all
        .filter((m) => m.scope === 'account')
        .map((m) => m.account)
        .sort(),
    ).toEqual(members);
    const parts = all.filter((m) => m.scope === 'organization');
    expect(parts).toHaveLength(10);
    expect(parts.map((p) => / \((\d+)\/10\)$/.exec(p.subject!)?.[1])).toEqual(parts.map((_, i) => String(i + 1)));
    // Every certificate is served nowhere, in accounts read in full: the subject says so, never "need renewal".
    expect(parts[0]!.subject).toBe(
      '[UNUSED] 200 IAM certificates unused, to delete, in 200 of 201 AWS accounts (1/10)',
    );
    const json = parts.map(
      (p) =>
        JSON.parse(p.variants.sqs!) as {
          runId: string;
          reportLocation: string;
          sectionsOmitted: number;
          unrenderedSections: readonly { id: string }[];
          reports: ReportJson[];
        },
    );
    const location = `s3://${LOCAL_RUN_DATA_BUCKET}/runs/${RUN_ID}/`;
    for (const part of json) expect(part).toMatchObject({ runId: RUN_ID, reportLocation: location });
    // Every account with findings exactly once: a section in some part, one line, or counted in the last part.
    const placed = json.flatMap((p) => [
      ...p.reports.map((r) => r.account.id),
      ...p.unrenderedSections.map((u) => u.id),
    ]);
    expect(new Set(placed).size).toBe(placed.length);
    // Each part carries sections rendered within their budget (at least 20 KiB each, so far fewer than 200 fit).
    expect(json.every((p) => p.reports.length > 0 && p.unrenderedSections.length === 0)).toBe(true);
    // A section names its account's one certificate: the least budget holds one in full, not only the counts.
    expect(json.flatMap((p) => p.reports).every((r) => r.findings.length === 1)).toBe(true);
    const omitted = json.at(-1)!.sectionsOmitted;
    expect(json.slice(0, -1).every((p) => p.sectionsOmitted === 0)).toBe(true);
    expect(omitted).toBeGreaterThan(0);
    expect(placed.length + omitted).toBe(200);
    expect(parts.at(-1)!.variants.email!.replace(/\s+/g, ' ')).toContain(`The run's full reports are in ${location}`);
  });

  it('an account with 200 certificates flagged takes one section; its own message names them all', async () => {
    const result = await run({
      organization: organization(
        accountEstate(now, WEB, (b) => {
          for (let i = 0; i < 200; i++) b.certificate(`site-${String(i).padStart(3, '0')}`, { expiresInDays: 4 });
          return b;
        }),
        shop(API, 'nlb'),
      ),
      management: management(),
      overrides: { REGIONS: 'us-east-1' },
    });
    expect(result.summary).toMatchObject({ accountsWithFindings: 2 });
    const all = messages();
    for (const m of server!.published) expect(Buffer.byteLength(m.message)).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);

    // The digest: WEB's section names its most urgent certificates within its budget and counts the rest.
    const parts = all.filter((m) => m.scope === 'organization');
    const sections = parts.flatMap((p) => (JSON.parse(p.variants.sqs!) as { reports: OmittingReport[] }).reports);
    expect(sections.map((r) => r.account.id).sort()).toEqual([WEB, API].sort());
    const web = sections.find((r) => r.account.id === WEB)!;
    expect(web.summary.counts.total).toBe(200);
    expect(web.findings.length).toBeGreaterThan(0);
    expect(web.findings.length + web.omitted.findings).toBe(200);
    expect(web.omitted.findings).toBeGreaterThan(0);
    const webPart = parts.find((p) => p.variants.email!.includes(`# ACCOUNT ${WEB} `))!;
    expect(sectionOf(webPart.variants.email!, WEB).replace(/\s+/g, ' ')).toContain(
      `${web.omitted.findings} flagged certificates are not in this digest, to keep every account's section short: ` +
        "this account's own messages of this run name them, as many as 10 messages hold, and count any others.",
    );

    // WEB's own message (in parts, at most 10) names every one of its 200 certificates once.
    const own = all.filter((m) => m.scope === 'account' && m.account === WEB);
    expect(own.length).toBeGreaterThan(1);
    expect(own.length).toBeLessThanOrEqual(10);
    const named = own.flatMap((m) =>
      (JSON.parse(m.variants.sqs!) as OmittingReport).findings.map((f) => f.certificate.name),
    );
    expect(named).toHaveLength(200);
    expect(new Set(named).size).toBe(200);
  });
});
