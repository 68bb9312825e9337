/**
 * The dashboards against what the functions log over HTTP: the account handler and the organization run (the real
 * handler modules, cold-started with the stack's environment, against the loopback server) write their EMF
 * documents, and every metric a synthesized dashboard shows must be among them: same namespace, name, dimension
 * names and service. Everything they emit must be in contract/metrics.ts too, and the per-certificate series stay
 * within their bound.
 */
import { CHARTED_CERTIFICATES, DIMENSIONS, EMITTED_METRICS, METRIC_NAMES } from '../../contract/metrics';
import { scenarioBuilder, type AwsServer } from '../../local-aws';
import { lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';
import { customMetrics, metricKey, renderDashboard, type ShownMetric } from '../lib/dashboard-body';
import { synthMonitor } from '../lib/synth-monitor';
import { synthOrgMonitor } from '../lib/synth-org-monitor';
import { loopbackAccount } from './account-run';
import { accountEstate, MANAGEMENT, runOrganization } from './org-run';

/** One metric as an EMF document declares it, with its dimension values. */
interface EmittedMetric {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly value: unknown;
}

interface EmfDocument {
  readonly _aws: {
    readonly CloudWatchMetrics: {
      readonly Namespace: string;
      readonly Dimensions: string[][];
      readonly Metrics: { Name: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

const now = new Date();
const METRICS_ON = { POWERTOOLS_METRICS_DISABLED: 'false' };
const account = loopbackAccount();

/** Runs `work` with stdout captured and returns every metric of every EMF document written meanwhile. */
async function emittedDuring(work: () => Promise<unknown>): Promise<EmittedMetric[]> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  const documents = lines
    .flatMap((l) => l.split('\n'))
    .filter((l) => l.includes('"_aws"'))
    .map((l) => JSON.parse(l) as EmfDocument);
  return documents.flatMap((doc) =>
    doc._aws.CloudWatchMetrics.flatMap((directive) =>
      directive.Dimensions.flatMap((set) =>
        directive.Metrics.map((m) => ({
          namespace: directive.Namespace,
          name: m.Name,
          dimensions: Object.fromEntries(set.map((d) => [d, String(doc[d])])),
          value: doc[m.Name],
        })),
      ),
    ),
  );
}

/** Shown metrics that no emitted metric matches (a SEARCH's `*` matches any value of its dimension). */
function notEmitted(shown: readonly ShownMetric[], emitted: readonly EmittedMetric[]): string[] {
  const matches = (s: ShownMetric, e: EmittedMetric): boolean => {
    const names = Object.keys(s.dimensions).sort();
    return (
      s.namespace === e.namespace &&
      s.name === e.name &&
      names.join() === Object.keys(e.dimensions).sort().join() &&
      names.every((d) => s.dimensions[d] === '*' || s.dimensions[d] === e.dimensions[d])
    );
  };
  return shown.filter((s) => !emitted.some((e) => matches(s, e))).map(metricKey);
}

/** Emitted metrics that contract/metrics.ts does not define for their service. */
function notInContract(emitted: readonly EmittedMetric[]): string[] {
  return emitted
    .filter((e) => {
      const defined = EMITTED_METRICS[e.dimensions[DIMENSIONS.service] ?? ''] ?? [];
      const names = Object.keys(e.dimensions).sort().join();
      return !defined.some((d) => d.name === e.name && [...d.dimensions].sort().join() === names);
    })
    .map(metricKey);
}

describe('dashboard metrics over HTTP', () => {
  it('account: the checker logs every metric the dashboard shows, and no more series than the bound', async () => {
    const flagged = CHARTED_CERTIFICATES + 3;
    let builder = scenarioBuilder({ now }).regions('us-east-1').topic(TEST_TOPIC);
    for (let i = 0; i < flagged; i += 1) builder = builder.certificate(`shop-${i}`, { expiresInDays: 1 + (i % 6) });
    await account.start({ scenario: builder.certificate('fine', { expiresInDays: 300 }).build() });
    const handler = account.coldStart(METRICS_ON);

    const emitted = await emittedDuring(() => handler({}, lambdaContext()));
    const shown = customMetrics(renderDashboard(synthMonitor({ alertEmails: 'ops@example.com' }).template).metrics);

    expect(notEmitted(shown, emitted)).toEqual([]);
    expect(notInContract(emitted)).toEqual([]);
    const days = emitted.filter((e) => e.name === METRIC_NAMES.daysToExpiry);
    expect(days).toHaveLength(CHARTED_CERTIFICATES);
    expect(Math.max(...days.map((d) => Number(d.value)))).toBeLessThanOrEqual(6);
    expect(emitted.find((e) => e.name === METRIC_NAMES.flaggedNotCharted)?.value).toBe(3);
  });

  describe('organization', () => {
    let server: AwsServer | undefined;
    let restoreEnv: () => void = () => undefined;
    afterEach(async () => {
      restoreEnv();
      await server?.close();
    });

    it('the aggregate logs every metric the dashboard shows', async () => {
      const WEB = '222222222222';
      const API = '333333333333';
      const emitted = await emittedDuring(async () => {
        const started = await runOrganization({
          organization: {
            managementAccountId: MANAGEMENT,
            organizationalUnits: [{ id: 'ou-loop-prod0001', name: 'Production' }],
            accounts: [
              { id: MANAGEMENT, name: 'management', memberRole: 'missing' },
              {
                id: WEB,
                name: 'prod-web',
                parentId: 'ou-loop-prod0001',
                estate: accountEstate(now, WEB, (b) =>
                  b.certificate('web', { expiresInDays: 2 }).certificate('web-old', { expiresInDays: -1 }),
                ),
              },
              {
                id: API,
                name: 'prod-api',
                parentId: 'ou-loop-prod0001',
                estate: accountEstate(now, API, (b) => b.certificate('api', { expiresInDays: 20 })),
              },
            ],
          },
          management: accountEstate(now, MANAGEMENT, (b) =>
            b.certificate('ok', { expiresInDays: 300 }).topic(TEST_TOPIC),
          ),
          overrides: METRICS_ON,
        });
        ({ server, restoreEnv } = started);
      });
      const shown = customMetrics(
        renderDashboard(
          synthOrgMonitor({ organizationalUnits: 'ou-abcd-12345678', alertEmails: 'ops@example.com' }).template,
        ).metrics,
      );

      expect(notEmitted(shown, emitted)).toEqual([]);
      expect(notInContract(emitted)).toEqual([]);
      const perAccount = emitted.filter((e) => e.name === METRIC_NAMES.flaggedCertificates);
      expect(perAccount.map((e) => [e.dimensions[DIMENSIONS.account], e.value])).toEqual([
        [WEB, 2],
        [API, 1],
      ]);
      const days = emitted.filter((e) => e.name === METRIC_NAMES.daysToExpiry);
      expect(days.map((e) => [e.dimensions[DIMENSIONS.account], e.dimensions[DIMENSIONS.certificate]])).toEqual([
        [WEB, 'web-old'],
        [WEB, 'web'],
        [API, 'api'],
      ]);
    });
  });
});
