/** Running the organization functions locally: their environment, and their handler modules loaded as cold starts. */
import { join } from 'node:path';
import { DEFAULT_MEMBER_ROLE_NAME } from '../contract/defaults';
import { ENV } from '../contract/environment';
import { ORG_ENV, ORG_HANDLERS } from '../contract/organization';
import { loopbackEnvironment } from './lambda-harness';
import type { OrgHandlers } from './state-machine-run';

export const LOCAL_RUN_DATA_BUCKET = 'iam-cert-expiry-run-data';

export interface OrgEnvironmentProps {
  readonly topicArn: string;
  /** @default 'r-loop' */
  readonly organizationalUnits?: readonly string[];
  /** @default none */
  readonly excludeAccounts?: readonly string[];
  /** @default 'IamCertExpiryMonitorReader' */
  readonly memberRoleName?: string;
}

/** The environment the stack gives the three functions (each reads its own part), pointed at the loopback server. */
export function loopbackOrgEnvironment(
  endpoint: string,
  props: OrgEnvironmentProps,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return loopbackEnvironment(endpoint, {
    [ENV.topicArn]: props.topicArn,
    [ORG_ENV.runDataBucket]: LOCAL_RUN_DATA_BUCKET,
    [ORG_ENV.organizationalUnits]: (props.organizationalUnits ?? ['r-loop']).join(','),
    [ORG_ENV.excludeAccounts]: (props.excludeAccounts ?? []).join(','),
    [ORG_ENV.memberRoleName]: props.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
    ...overrides,
  });
}

/** Loads the three handler modules by absolute path (through `load`: `require`, or jest's inside isolateModules). */
export function loadOrgHandlers(load: (path: string) => unknown): OrgHandlers {
  const handler = (path: string) =>
    (load(join(__dirname, '..', path.replace(/\.ts$/, ''))) as { handler: never }).handler;
  return {
    listAccounts: handler(ORG_HANDLERS.listAccounts),
    scanAccount: handler(ORG_HANDLERS.scanAccount),
    aggregate: handler(ORG_HANDLERS.aggregate),
  };
}
