/**
 * Who the CLI calls AWS as, and where: --profile and --region over the SDK's own resolution (its shared config
 * file parser; no ini parsing here), and the --verbose line of each call.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { ApiCall } from '../lambda/aws/clients';

/** The home region when nothing names one (as before --region existed). */
export const FALLBACK_HOME_REGION = 'us-east-1';

/** A profile the user named, and how: a refusal says which of the two to fix. */
export interface NamedProfile {
  readonly name: string;
  readonly from: '--profile' | 'AWS_PROFILE';
}

type Env = Readonly<Record<string, string | undefined>>;

/** --profile, else AWS_PROFILE, else none (the SDK's default chain, `default` profile included). */
export function namedProfile(flag: string | undefined, env: Env): NamedProfile | undefined {
  if (flag !== undefined) return { name: flag, from: '--profile' };
  return env.AWS_PROFILE ? { name: env.AWS_PROFILE, from: 'AWS_PROFILE' } : undefined;
}

/**
 * The home region in the AWS CLI's order: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`
 * (config, then credentials file), else FALLBACK_HOME_REGION.
 */
export async function homeRegion(flag: string | undefined, profile: NamedProfile | undefined, env: Env) {
  const given = flag ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION);
  if (given) return given;
  const { configFile, credentialsFile } = await loadSharedConfigFiles();
  const name = profile?.name ?? 'default';
  return configFile[name]?.region ?? credentialsFile[name]?.region ?? FALLBACK_HOME_REGION;
}

/** The profiles of the shared config and credentials files, for a refusal to name the nearest one. */
export async function knownProfiles(): Promise<string[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles();
  return [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])];
}

/** `aws: IAM ListServerCertificates us-east-1 41 ms` (+ `, 3 attempts`, `, AccessDenied`). */
export function callLine(call: ApiCall): string {
  const attempts = call.attempts > 1 ? `, ${call.attempts} attempts` : '';
  const error = call.error !== undefined ? `, ${call.error}` : '';
  return `aws: ${call.service} ${call.action} ${call.region} ${call.durationMs} ms${attempts}${error}`;
}
