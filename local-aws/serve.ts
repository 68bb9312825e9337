#!/usr/bin/env node
/**
 * `npm run local-aws [-- --organization] [--port N]`: the loopback AWS server on its own, serving the sample
 * estate (or the sample organization, the caller being its management account), until interrupted. Point any
 * command at it with the environment it prints, e.g. `npm run check -- --organization --json`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarioFile } from './estate/scenario';
import { loadOrganizationScenarioFile, managementEstate } from './estate/organization-scenario';
import { startAwsServer, type AwsServer } from './server';

const SCENARIOS = join(__dirname, 'scenarios');

export interface ServeOptions {
  readonly organization: boolean;
  /** @default 0 (a port the OS chooses) */
  readonly port?: number;
}

/** Starts the server; returns it with the environment lines that point the AWS SDK and CLI at it. */
export async function serve(
  options: ServeOptions,
): Promise<{ readonly server: AwsServer; readonly environment: string[] }> {
  const now = new Date();
  const organization = options.organization
    ? loadOrganizationScenarioFile(join(SCENARIOS, 'sample-organization.json'), { now })
    : undefined;
  const scenario = organization
    ? managementEstate(organization)
    : loadScenarioFile(join(SCENARIOS, 'sample-estate.json'), { now });
  const server = await startAwsServer({
    scenario,
    ...(organization ? { organization } : {}),
    ...(options.port ? { port: options.port } : {}),
  });
  const environment = [
    `export AWS_ENDPOINT_URL=${server.endpoint}`,
    'export AWS_ACCESS_KEY_ID=AKIDLOOPBACKLOCAL001 AWS_SECRET_ACCESS_KEY=loopback AWS_REGION=us-east-1',
  ];
  return { server, environment };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { organization: { type: 'boolean', default: false }, port: { type: 'string' } },
    strict: true,
  });
  serve({ organization: values.organization === true, ...(values.port ? { port: Number(values.port) } : {}) }).then(
    ({ server, environment }) => {
      process.stdout.write(
        `Loopback AWS serving the sample ${values.organization ? 'organization (you are its management account)' : 'estate'} at ${server.endpoint}.\n` +
          `In another shell:\n  ${environment.join('\n  ')}\n  npm run check -- ${values.organization ? '--organization ' : ''}--json\nCtrl-C stops it.\n`,
      );
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
  );
}
