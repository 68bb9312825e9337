#!/usr/bin/env node
/**
 * `npm run local-aws [-- --organization] [--port N]`: the loopback AWS server on its own, serving the sample
 * estate (or the sample organization, the caller being its management account), until interrupted. Point any
 * command at it with the environment it prints, e.g. `npx iam-cert-expiry-monitor check --organization --json`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarioFile } from './estate/scenario';
import { loadOrganizationScenarioFile, managementEstate } from './estate/organization-scenario';
import { startAwsServer, type AwsServer } from './server';

const SCENARIOS = join(__dirname, 'scenarios');

export const SERVE_USAGE = `Usage: npm run local-aws [-- options]

Serves a sample AWS account on 127.0.0.1 (IAM, ELB, CloudFront, ACM, SNS, ...; nothing leaves this machine) until
Ctrl-C, and prints the environment that points the AWS SDK and CLI at it.

Options:
  --organization   serve the sample organization instead, the caller being its management account
  --port N         listen on this port (default: one the OS chooses)
  -h, --help       show this help`;

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
  let values;
  try {
    values = parseArgs({
      options: {
        organization: { type: 'boolean', default: false },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${SERVE_USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    process.exit(0);
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
    process.stderr.write(`--port: expected a port number from 1 to 65535, got ${JSON.stringify(values.port)}\n`);
    process.exit(2);
  }
  const organization = values.organization === true;
  serve({ organization, ...(port ? { port } : {}) }).then(
    ({ server, environment }) => {
      process.stdout.write(
        `Loopback AWS serving the sample ${organization ? 'organization (you are its management account)' : 'estate'} at ${server.endpoint}.\n` +
          `In another shell:\n  ${environment.join('\n  ')}\n  npx iam-cert-expiry-monitor check ${organization ? '--organization ' : ''}--json\nCtrl-C stops it.\n`,
      );
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: Error & { code?: string }) => {
      // A taken port is the likely failure: one line, not a stack.
      process.stderr.write(`local-aws could not start: ${error.code ?? error.name}: ${error.message}\n`);
      process.exitCode = 2;
    },
  );
}
