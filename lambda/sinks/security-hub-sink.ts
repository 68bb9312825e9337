/**
 * Security Hub CSPM: each flagged certificate as one ASFF finding in the account's own `default` product, in the
 * home region; every run (quiet ones too) re-imports the active findings and archives those no longer raised.
 * The default product imports only the caller's own findings (AwsAccountId = caller), so an organization run
 * delivers this sink inside each member's scan, with the member role (lambda/org/scan-account.ts).
 * A finding Security Hub refuses (FailedFindings), or a region where CSPM is off, fails the sink: a named
 * delivery failure.
 */
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ACCOUNT_ID } from '../../contract/validation';
import { IMPORT_MAX_BYTES, IMPORT_MAX_FINDINGS, importFindings, listActiveFindings } from '../aws/security-hub';
import { batches } from '../domain/batches';
import type { Report } from '../domain/types';
import { FINDING_GENERATOR_ID, findingImports, partitionOfRegion, productArn } from '../render/asff-finding';
import { utf8Bytes } from '../render/format';
import type { Sink, SinkClients, SinkFactory } from './sink';

export const SECURITY_HUB = 'Security Hub';

export const securityHubSink: SinkFactory = (settings, clients) =>
  settings.securityHub ? createSecurityHubSink(clients) : undefined;

/** The sink itself, importing into the clients' home region (an organization member's scan builds it directly). */
export function createSecurityHubSink(clients: Pick<SinkClients, 'homeRegion' | 'securityHub'>): Sink {
  const region = clients.homeRegion;
  return {
    name: SECURITY_HUB,
    region,
    scopes: ['account'],
    everyRun: true,
    async deliver(delivery, { abortSignal } = {}) {
      if (delivery.scope !== 'account') return { ids: [] };
      return { ids: await syncFindings(clients.securityHub(region), delivery.report, region, abortSignal) };
    },
  };
}

/** Imports the run's findings and archives stale ones; returns the ids imported. */
async function syncFindings(
  client: SecurityHubClient,
  report: Report,
  region: string,
  abortSignal: AbortSignal | undefined,
): Promise<string[]> {
  if (!ACCOUNT_ID.test(report.accountId))
    throw Object.assign(new Error(`the account id is not known (${report.accountId}); every finding must name it`), {
      name: 'AccountUnknown',
    });
  const ctx = { region, partition: partitionOfRegion(region), now: report.generatedAt };
  // A test alert imports its own (archived) finding only: the account's real findings are neither read nor closed.
  const stillActive = report.test
    ? []
    : await listActiveFindings(
        client,
        {
          productArn: productArn(report.accountId, ctx),
          generatorId: FINDING_GENERATOR_ID,
          accountId: report.accountId,
        },
        abortSignal,
      ).catch((error: unknown) => {
        throw notEnabled(error, region) ?? error;
      });
  const { active, archived } = findingImports(report, stillActive, ctx);
  const all = [...active, ...archived];
  const failures = [];
  for (const batch of batches(all, {
    maxItems: IMPORT_MAX_FINDINGS,
    maxBytes: IMPORT_MAX_BYTES,
    sizeOf: (f) => utf8Bytes(JSON.stringify(f)),
  })) {
    failures.push(...(await importFindings(client, batch, abortSignal)));
  }
  if (failures.length > 0) {
    const first = failures[0]!;
    throw Object.assign(
      new Error(
        `${failures.length} of ${all.length} findings were not imported (first: ${first.id}: ${first.code}: ${first.message})`,
      ),
      { name: 'FindingsNotImported' },
    );
  }
  return all.map((f) => f.Id!);
}

/** Security Hub answers InvalidAccessException where CSPM is not enabled: say so in words. */
function notEnabled(error: unknown, region: string): Error | undefined {
  if (!(error instanceof Error) || error.name !== 'InvalidAccessException') return undefined;
  return Object.assign(new Error(`Security Hub CSPM is not enabled in ${region}: ${error.message}`), {
    name: error.name,
  });
}
