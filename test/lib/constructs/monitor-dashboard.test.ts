import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { METRICS } from '../../../contract/environment';
import { ORG_METRICS } from '../../../contract/organization';
import { seriesSearch, serviceMetric } from '../../../lib/constructs/dashboard-widgets';
import { MonitorDashboard } from '../../../lib/constructs/monitor-dashboard';
import { OrgDashboard } from '../../../lib/constructs/org/org-dashboard';
import { PropsError } from '../../../lib/constructs/prop-checks';
import { renderDashboard } from '../dashboard-body';

function stack(): Stack {
  return new Stack(new App(), 'Certs');
}

// From a literal ARN, so that the function's name is a plain string in the dashboard body.
const fn = (s: Stack, name = 'checker') =>
  lambda.Function.fromFunctionArn(s, name, `arn:aws:lambda:eu-west-1:111111111111:function:${name}`);

describe('MonitorDashboard', () => {
  it('is named after the stack unless given a name, and shows no alarm row without alarms', () => {
    const s = stack();
    new MonitorDashboard(s, 'Default', { function: fn(s), thresholdDays: 7, warningDays: 30 });
    const named = stack();
    new MonitorDashboard(named, 'Named', {
      function: fn(named),
      thresholdDays: 7,
      warningDays: 0,
      dashboardName: 'certs',
    });

    const rendered = renderDashboard(Template.fromStack(s));
    expect(rendered.name).toBe('Certs');
    expect(rendered.body.widgets.some((w) => w.type === 'alarm')).toBe(false);
    expect(renderDashboard(Template.fromStack(named)).name).toBe('certs');
  });

  it('refuses thresholds the context keys would refuse, naming each prop', () => {
    const s = stack();
    const checker = fn(s);
    expect(() => new MonitorDashboard(s, 'Bad', { function: checker, thresholdDays: 0, warningDays: 3 })).toThrow(
      PropsError,
    );
    expect(() => new MonitorDashboard(s, 'Below', { function: checker, thresholdDays: 14, warningDays: 10 })).toThrow(
      /warningDays: expected 0 \(off\) or a whole number greater than thresholdDays \(14\)/,
    );
  });
});

describe('OrgDashboard', () => {
  it('graphs each function it is given, by the name it is given', () => {
    const s = stack();
    const stateMachine = sfn.StateMachine.fromStateMachineName(s, 'Run', 'run');
    new OrgDashboard(s, 'Org', {
      stateMachine,
      functions: { list: fn(s, 'list'), scan: fn(s, 'scan') },
      thresholdDays: 7,
      warningDays: 30,
    });
    const errors = renderDashboard(Template.fromStack(s)).metrics.filter(
      (m) => m.namespace === 'AWS/Lambda' && m.name === 'Errors',
    );
    expect(errors.map((m) => m.dimensions.FunctionName)).toEqual(['list', 'scan']);
  });
});

describe('dashboard widgets', () => {
  it('cannot show a metric no function emits: a name, a dimension set or a service outside contract/metrics.ts', () => {
    expect(() => serviceMetric(METRICS.serviceName, 'DaysToExpiry', 'Minimum')).toThrow(
      /no function emits DaysToExpiry \(service\) for service iam-cert-expiry-monitor/,
    );
    expect(() => serviceMetric(METRICS.serviceName, 'AccountsChecked', 'Maximum')).toThrow(/no function emits/);
    expect(() =>
      seriesSearch(ORG_METRICS.serviceName, 'DaysToExpiry', ['service', 'certificate'], 'Minimum', ''),
    ).toThrow(/no function emits/);
    expect(serviceMetric(ORG_METRICS.serviceName, 'AccountsChecked', 'Maximum').metricName).toBe('AccountsChecked');
  });
});
