/**
 * One account's scan, shared by the scan-account function and the laptop command: assume the member role
 * (the hub scans itself with its own credentials), then the same pipeline as single-account mode, without
 * publishing. An account that cannot be assumed or listed is `not-checked` with the reason, never a throw.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsClients, TemporaryCredentials } from '../aws/clients';
import { assumeRole, memberRoleArn } from '../aws/sts';
import { runCheck } from '../check';
import type { ScanSettings } from '../settings';
import type { AccountItem } from '../../contract/organization';
import { createSecurityHubSink } from '../sinks/security-hub-sink';
import type { Sink } from '../sinks/sink';
import type { TimeBudget } from '../time-budget';
import { assumeRoleFailure, scanFailure } from './not-checked-reason';
import type { AccountOutcome } from '../domain/org-report';

export interface AccountScanDeps {
  readonly settings: ScanSettings & {
    readonly memberRoleName: string;
    /** Import the account's findings into its own Security Hub CSPM with its clients (the member role). */
    readonly securityHub?: boolean;
  };
  readonly sts: STSClient;
  /** Clients with the given credentials (the caller's own when undefined); destroyed after the scan. */
  readonly clientsFor: (credentials: TemporaryCredentials | undefined) => AwsClients;
  readonly concurrency: number;
}

export interface AccountScanInput {
  readonly account: AccountItem;
  /** The caller's partition (`aws`, `aws-cn`, `aws-us-gov`): the member role's ARN is in the same one. */
  readonly partition: string;
  readonly now: Date;
  /** The invocation's time: the scan's deadline, then Security Hub's share. @default no limit (the laptop run) */
  readonly budget?: TimeBudget;
  /** The organization run's id. */
  readonly runId?: string;
}

export interface AccountScan {
  readonly outcome: AccountOutcome;
  /** The role ARN assumed (absent for the hub), and the API calls made with the account's clients. */
  readonly roleArn?: string;
  readonly apiCalls: number;
  readonly error?: unknown;
}

/** The name the scan's session carries in the member account's CloudTrail. */
export const SESSION_NAME = 'iam-cert-expiry-monitor';

export async function scanAccount(deps: AccountScanDeps, input: AccountScanInput): Promise<AccountScan> {
  const { account, budget } = input;
  const deadline = budget?.scanDeadline;
  let credentials: TemporaryCredentials | undefined;
  const roleArn = account.hub
    ? undefined
    : memberRoleArn(input.partition, account.accountId, deps.settings.memberRoleName);
  if (roleArn) {
    try {
      credentials = await assumeRole(deps.sts, roleArn, SESSION_NAME, deadline);
    } catch (error) {
      return {
        outcome: { status: 'not-checked', account, reason: assumeRoleFailure(error, deadline) },
        roleArn,
        apiCalls: 0,
        error,
      };
    }
  }
  const clients = deps.clientsFor(credentials);
  try {
    const outcome = await runCheck(clients, {
      settings: deps.settings,
      accountId: account.accountId,
      now: input.now,
      concurrency: deps.concurrency,
      ...(budget ? { budget } : {}),
      // The aggregate step delivers the organization's report; only Security Hub is delivered here, in the
      // account itself: its default product imports the caller's own findings only.
      sinks: memberSinks(deps.settings, clients),
      ...(input.runId ? { runId: input.runId } : {}),
    });
    return {
      outcome: {
        status: 'checked',
        account,
        certificatesScanned: outcome.certificatesScanned,
        ...(outcome.report ? { report: outcome.report } : {}),
        ...(!outcome.report && outcome.gaps.length > 0 ? { gaps: outcome.gaps } : {}),
      },
      ...(roleArn ? { roleArn } : {}),
      apiCalls: clients.stats.calls,
    };
  } catch (error) {
    return {
      outcome: { status: 'not-checked', account, reason: scanFailure(error, deadline) },
      ...(roleArn ? { roleArn } : {}),
      apiCalls: clients.stats.calls,
      error,
    };
  } finally {
    clients.destroy();
  }
}

/** The sinks a member's scan delivers to itself: Security Hub when switched on (topic and bus are the hub's). */
function memberSinks(settings: AccountScanDeps['settings'], clients: AwsClients): Sink[] {
  return settings.securityHub ? [createSecurityHubSink(clients)] : [];
}
