/** The package's version, as `--version` prints it (package.json is read at build time into the bundle). */
import { name, version } from '../package.json';

export function versionLine(): string {
  return `${name} ${version}`;
}
