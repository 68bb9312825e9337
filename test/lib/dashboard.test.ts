/**
 * The dashboards as synthesized: every metric a widget shows is one the functions emit (namespace, name, dimension
 * names and the service's value, per contract/metrics.ts); the AWS service metrics are those of the stack's own
 * function or state machine; the thresholds and alarms shown are the stack's; `dashboard=false` leaves it out.
 * test/e2e/dashboard-metrics.e2e.test.ts checks the same widgets against what the handlers log over HTTP.
 */
import { METRICS } from '../../contract/environment';
import { DIMENSIONS, EMITTED_METRICS, METRIC_NAMES, SEVERITY_METRICS } from '../../contract/metrics';
import { ORG_METRICS } from '../../contract/organization';
import { ConfigError, parseConfig } from '../../lib/config';
import { customMetrics, metricKey, renderDashboard, type RenderedDashboard } from './dashboard-body';
import { logicalIdOf, synthMonitor, type SynthesizedMonitor } from './synth-monitor';
import { synthOrgMonitor, type SynthesizedOrgMonitor } from './synth-org-monitor';

const ORG_CONTEXT = { organizationalUnits: 'ou-abcd-12345678', alertEmails: 'ops@example.com' };

let account: SynthesizedMonitor;
let org: SynthesizedOrgMonitor;
let accountDashboard: RenderedDashboard;
let orgDashboard: RenderedDashboard;

beforeAll(() => {
  account = synthMonitor({ alertEmails: 'ops@example.com', thresholdDays: 10, warningDays: 45 });
  org = synthOrgMonitor({ ...ORG_CONTEXT, warningDays: 0 });
  accountDashboard = renderDashboard(account.template);
  orgDashboard = renderDashboard(org.template);
});

/** Each shown custom metric that the function of its `service` dimension does not emit, by name and dimensions. */
function notEmitted(dashboard: RenderedDashboard): string[] {
  return customMetrics(dashboard.metrics)
    .filter((m) => {
      const emitted = EMITTED_METRICS[m.dimensions[DIMENSIONS.service] ?? ''] ?? [];
      const names = Object.keys(m.dimensions).sort();
      return (
        m.namespace !== METRICS.namespace ||
        !emitted.some((e) => e.name === m.name && [...e.dimensions].sort().join() === names.join())
      );
    })
    .map(metricKey);
}

describe.each([
  ['account', () => accountDashboard, METRICS.serviceName, 15, 1],
  ['organization', () => orgDashboard, ORG_METRICS.serviceName, 23, 2],
])('%s dashboard', (_, dashboard, service, plainMetrics, searches) => {
  it(`shows ${plainMetrics} metrics and ${searches} SEARCH (docs/dashboard.md counts them for the free tier)`, () => {
    expect(dashboard().metrics.filter((m) => !m.search)).toHaveLength(plainMetrics);
    expect(dashboard().metrics.filter((m) => m.search)).toHaveLength(searches);
  });

  it('shows only metrics its functions emit: namespace, name, dimension names and service', () => {
    const shown = customMetrics(dashboard().metrics);
    expect(shown.length).toBeGreaterThan(10);
    expect(notEmitted(dashboard())).toEqual([]);
    expect(new Set(shown.map((m) => m.dimensions[DIMENSIONS.service]))).toEqual(new Set([service]));
  });

  it('charts days to expiry per certificate by SEARCH, the daily minimum, and every severity count', () => {
    const search = dashboard().metrics.filter((m) => m.search && m.name === METRIC_NAMES.daysToExpiry);
    expect(search).toHaveLength(1);
    expect(search[0]).toMatchObject({ statistic: 'Minimum', namespace: METRICS.namespace });
    expect(search[0]!.dimensions[DIMENSIONS.certificate]).toBe('*');
    const names = new Set(dashboard().metrics.map((m) => m.name));
    for (const name of Object.values(SEVERITY_METRICS)) expect(names).toContain(name);
  });

  it('opens on four weeks (the business metrics are daily)', () => {
    expect(dashboard().body.start).toBe('-P28D');
  });
});

describe('account dashboard', () => {
  it("shows the checker's health: runs, invocations, errors, duration, coverage gaps, delivery failures", () => {
    const checker = `<Ref:${logicalIdOf(account.stack, account.stack.monitor.checker.function)}>`;
    const lambda = accountDashboard.metrics.filter((m) => m.namespace === 'AWS/Lambda');
    expect(lambda.map((m) => [m.name, m.dimensions])).toEqual([
      ['Invocations', { FunctionName: checker }],
      ['Errors', { FunctionName: checker }],
      ['Duration', { FunctionName: checker }],
    ]);
    const names = accountDashboard.metrics.map((m) => m.name);
    for (const name of [
      METRICS.runCompleted,
      METRICS.scanIncomplete,
      METRICS.deliveryFailures,
      METRIC_NAMES.regionsFailed,
      METRIC_NAMES.flaggedNotCharted,
    ])
      expect(names).toContain(name);
  });

  it("marks expiry and the stack's own thresholds on the days-to-expiry graph", () => {
    const graph = accountDashboard.body.widgets.find((w) => w.properties.title?.startsWith('Days to expiry'));
    expect(graph?.properties.annotations?.horizontal?.map((a) => a.value)).toEqual([0, 10, 45]);
  });

  it('shows the state of every alarm of the stack', () => {
    const alarms = Object.keys(account.template.findResources('AWS::CloudWatch::Alarm'));
    const widget = accountDashboard.body.widgets.find((w) => w.type === 'alarm');
    expect(widget?.properties.alarms).toEqual(expect.arrayContaining(alarms.map((id) => `<${id}.Arn>`)));
    expect(widget?.properties.alarms).toHaveLength(alarms.length);
  });

  it('is named after the stack, and an output links to it', () => {
    expect(accountDashboard.name).toBe('Monitor');
    const output = JSON.stringify(account.template.findOutputs('DashboardUrl'));
    expect(output).toContain('#dashboards/dashboard/Monitor');
  });
});

describe('organization dashboard', () => {
  it('shows accounts checked, partly checked and not checked per run', () => {
    const names = orgDashboard.metrics.filter((m) => m.widget === 'Accounts per run').map((m) => m.name);
    expect(names).toEqual([
      METRIC_NAMES.accountsChecked,
      ORG_METRICS.accountsPartlyChecked,
      ORG_METRICS.accountsNotChecked,
    ]);
  });

  it('charts flagged certificates per account and days to expiry per account and certificate', () => {
    const searches = orgDashboard.metrics.filter((m) => m.search).map(metricKey);
    expect(searches.sort()).toEqual([
      `${METRIC_NAMES.daysToExpiry}{account=*,certificate=*,service=${ORG_METRICS.serviceName}}`,
      `${METRIC_NAMES.flaggedCertificates}{account=*,service=${ORG_METRICS.serviceName}}`,
    ]);
  });

  it("shows the run's health: executions, each function's errors and duration, delivery failures", () => {
    const stateMachine = `<Ref:${org.stack.getLogicalId(org.stack.monitor.run.stateMachine.node.defaultChild as never)}>`;
    const states = orgDashboard.metrics.filter((m) => m.namespace === 'AWS/States');
    expect(new Set(states.map((m) => m.dimensions.StateMachineArn))).toEqual(new Set([stateMachine]));
    expect(states.map((m) => m.name).sort()).toEqual(
      ['ExecutionTime', 'ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsSucceeded', 'ExecutionsTimedOut'].sort(),
    );
    const functions = [org.stack.monitor.listAccounts, org.stack.monitor.scanAccount, org.stack.monitor.aggregate].map(
      (f) => `<Ref:${org.stack.getLogicalId(f.function.node.defaultChild as never)}>`,
    );
    const lambda = orgDashboard.metrics.filter((m) => m.namespace === 'AWS/Lambda');
    expect(lambda.filter((m) => m.name === 'Errors').map((m) => m.dimensions.FunctionName)).toEqual(functions);
    expect(lambda.filter((m) => m.name === 'Duration').map((m) => m.dimensions.FunctionName)).toEqual(functions);
    expect(orgDashboard.metrics.map((m) => m.name)).toContain(ORG_METRICS.deliveryFailures);
  });

  it('marks no warning line when the warning tier is off', () => {
    const graph = orgDashboard.body.widgets.find((w) => w.properties.title?.startsWith('Days to expiry'));
    expect(graph?.properties.annotations?.horizontal?.map((a) => a.label)).toEqual([
      'expired',
      'critical (default threshold)',
    ]);
  });
});

describe('dashboard=false', () => {
  it.each([
    ['account', () => synthMonitor({ alertEmails: 'ops@example.com', dashboard: 'false' }).template],
    ['organization', () => synthOrgMonitor({ ...ORG_CONTEXT, dashboard: false }).template],
  ])('%s: no dashboard and no output naming one', (_, synth) => {
    const template = synth();
    expect(template.findResources('AWS::CloudWatch::Dashboard')).toEqual({});
    expect(template.findOutputs('DashboardUrl')).toEqual({});
  });

  it('is a switch: anything but true or false is refused, naming the key', () => {
    expect(() => parseConfig({ dashboard: 'off' })).toThrow(ConfigError);
    expect(() => parseConfig({ dashboard: 'off' })).toThrow(/dashboard: expected true \(the default\) or false/);
    expect(parseConfig({}).dashboard).toBeUndefined();
    expect(parseConfig({ dashboard: 'false' }).dashboard).toBe(false);
    expect(parseConfig({ dashboard: true }).dashboard).toBeUndefined();
  });
});
