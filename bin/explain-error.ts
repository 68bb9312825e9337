/**
 * The one line the CLI prints when it could not run (exit 2): the cause in the user's terms (the endpoint and the
 * variable that sent it there, the profile by name, the OU id they gave) and the fix. No stack trace.
 */
import { closestName } from '../contract/closest-name';
import { UnknownParentError } from '../lambda/aws/organizations';
import { knownProfiles, type NamedProfile } from './aws-caller';

export interface ErrorContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The profile the user named (--profile or AWS_PROFILE). @default none */
  readonly profile?: NamedProfile;
}

/** The SDK's message when no provider of its default chain found credentials. */
const NO_PROVIDER = 'Could not load credentials from any providers';

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

export async function explainError(error: unknown, context: ErrorContext): Promise<string> {
  const e = error as Error & { code?: string; address?: string; port?: number; hostname?: string };
  if (e.code !== undefined && CONNECTION_ERRORS.has(e.code)) return connectionProblem(e, context.env);
  if (e instanceof UnknownParentError)
    return (
      `--ou: ${e.parentId} is not a root or OU of this organization (ParentNotFoundException); ` +
      '`aws organizations list-roots` and `aws organizations list-organizational-units-for-parent --parent-id ROOT_ID` list them.'
    );
  if (e.name === 'AWSOrganizationsNotInUseException')
    return 'this account is not in an AWS Organization: --organization needs credentials of its management or delegated administrator account.';
  if (e.name === 'CredentialsProviderError' || e.name === 'ProviderError') return credentialsProblem(e, context);
  if (e.name === 'ExpiredToken' || e.name === 'ExpiredTokenException')
    return 'your AWS session has expired: log in again (e.g. `aws sso login`).';
  return `${e.name}: ${e.message}`.replace(/\s+/g, ' ');
}

/** Where the call went, and which variable sent it there when one did. */
function connectionProblem(
  e: Error & { code?: string; address?: string; port?: number; hostname?: string },
  env: ErrorContext['env'],
): string {
  const target = e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : (e.hostname ?? 'the AWS endpoint');
  const what = e.code === 'ECONNREFUSED' ? 'nothing is listening there' : 'the endpoint cannot be reached';
  const overrides = Object.keys(env)
    .filter((k) => (k === 'AWS_ENDPOINT_URL' || k.startsWith('AWS_ENDPOINT_URL_')) && env[k])
    .sort();
  const fix =
    overrides.length > 0
      ? `${overrides.map((k) => `${k}=${env[k]}`).join(', ')} sends AWS calls there: start that server ` +
        `(\`npm run local-aws\` prints its address), or unset ${overrides.join(' and ')} to call AWS.`
      : 'check your network, proxy (HTTPS_PROXY) and VPN.';
  return `cannot connect to ${target}: ${what} (${e.code}). ${fix}`;
}

/** Profiles named in a refusal before "and N more". */
const MAX_PROFILES_NAMED = 10;

function listed(names: readonly string[]): string {
  const rest = names.length - MAX_PROFILES_NAMED;
  return names.slice(0, MAX_PROFILES_NAMED).join(', ') + (rest > 0 ? ` and ${rest} more` : '');
}

async function credentialsProblem(e: Error, { profile }: ErrorContext): Promise<string> {
  if (profile) {
    const known = await knownProfiles().catch(() => undefined);
    if (known && !known.includes(profile.name)) {
      const near = closestName(profile.name, known);
      const setting = profile.from === '--profile' ? `--profile ${profile.name}` : `AWS_PROFILE=${profile.name}`;
      return (
        `no AWS profile ${JSON.stringify(profile.name)} (${setting}) in the shared config or credentials file` +
        (near ? `: did you mean ${near}? ` : '. ') +
        (known.length > 0 ? `Profiles there: ${listed(known)}. ` : '') +
        `To create it: \`aws configure --profile ${profile.name}\` (or \`aws configure sso\`).`
      );
    }
  }
  // The chain's last word hides which provider failed; any other message names it (an expired SSO session, …).
  if (!e.message.startsWith(NO_PROVIDER)) return `AWS credentials: ${e.message.replace(/\s+/g, ' ')}`;
  return profile
    ? `the AWS profile ${profile.name} gave no credentials: run \`aws sso login --profile ${profile.name}\` or \`aws configure --profile ${profile.name}\`.`
    : 'no AWS credentials found: run `aws configure` or `aws sso login`, or give --profile NAME (or set AWS_PROFILE).';
}
