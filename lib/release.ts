/** The release version (package.json), part of the first-run trigger's revision: a new release runs the checker once. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const RELEASE_VERSION: string = (require('../package.json') as { version: string }).version;
