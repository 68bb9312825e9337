/** The release version (package.json), part of the first-run trigger's revision: a new release runs the checker once. */
import packageJson from '../package.json';

export const RELEASE_VERSION: string = packageJson.version;
