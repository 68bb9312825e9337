import { scenarioBuilder, startAwsServer, type AwsServer, type FaultRule, type Scenario } from '../../local-aws';
import type { OrganizationScenario } from '../../local-aws/estate/organization-scenario';
import { applyEnvironment, lambdaContext, TEST_TOPIC } from '../../local-aws/lambda-harness';
import { loadOrgHandlers, loopbackOrgEnvironment } from '../../local-aws/org-harness';
import { orgRunDefinition, type OrgDefinitionProps } from '../../local-aws/org-definition';
import { runStateMachine, type OrgHandlers, type StateMachineRun } from '../../local-aws/state-machine-run';

export const MANAGEMENT = '123456789012';

/** An account's estate in us-east-1 (and any region its load balancers name), dated from `now`. */
export function accountEstate(
  now: Date,
  accountId: string,
  build: (b: ReturnType<typeof scenarioBuilder>) => ReturnType<typeof scenarioBuilder> = (b) => b,
): Scenario {
  return build(scenarioBuilder({ now }).account(accountId).regions('us-east-1')).build();
}

export interface OrgRunProps {
  readonly organization: OrganizationScenario;
  /** The management (hub) account's estate; it must hold the alert topic. */
  readonly management: Scenario;
  /** The execution name the state machine gives the run. @default a random UUID */
  readonly runId?: string;
  /** The stack's excludeAccounts. @default none */
  readonly excludeAccounts?: readonly string[];
  /** Variables beside the stack's (`SECURITY_HUB`, `REGIONS`). @default none */
  readonly overrides?: Record<string, string>;
  /** @default none */
  readonly faults?: readonly FaultRule[];
  /** The state machine's batch settings. @default the stack's defaults */
  readonly batches?: OrgDefinitionProps;
  /** What the Lambda clock says is left when each invocation starts. @default 900,000 (15 minutes) */
  readonly remainingMs?: number;
  /** Wraps the scan function's handler (a test that fails a whole batch). @default none */
  readonly wrapScan?: (scan: OrgHandlers['scanAccount']) => OrgHandlers['scanAccount'];
}

/**
 * One organization run over HTTP: the loopback server as the organization, the three handler modules cold-started
 * (fresh module registry) with the stack's environment, in state-machine order. The caller closes `server` and
 * calls `restoreEnv`.
 */
export async function runOrganization(
  props: OrgRunProps,
): Promise<{ server: AwsServer; run: StateMachineRun; restoreEnv: () => void }> {
  const server = await startAwsServer({
    scenario: props.management,
    organization: props.organization,
    faults: props.faults ?? [],
  });
  const restoreEnv = applyEnvironment(
    loopbackOrgEnvironment(
      server.endpoint,
      { topicArn: TEST_TOPIC, ...(props.excludeAccounts ? { excludeAccounts: props.excludeAccounts } : {}) },
      props.overrides ?? {},
    ),
  );
  try {
    return { server, run: await runColdStarted(server, props), restoreEnv };
  } catch (error) {
    restoreEnv();
    await server.close();
    throw error;
  }
}

/**
 * The three handlers cold-started (fresh module registry) under the current environment, run as the synthesized
 * state machine definition says.
 */
export function runColdStarted(
  server: AwsServer,
  props: Pick<OrgRunProps, 'runId' | 'batches' | 'remainingMs' | 'wrapScan'> = {},
): Promise<StateMachineRun> {
  let loaded: OrgHandlers | undefined;
  jest.isolateModules(() => {
    loaded = loadOrgHandlers(require);
  });
  const handlers = loaded!;
  return runStateMachine({
    definition: orgRunDefinition(props.batches),
    handlers: props.wrapScan ? { ...handlers, scanAccount: props.wrapScan(handlers.scanAccount) } : handlers,
    objects: server.objects,
    context: () => lambdaContext(MANAGEMENT, props.remainingMs),
    ...(props.runId ? { runId: props.runId } : {}),
  });
}
