/**
 * `check --format` and `-o FILE`, account and organization modes alike: which format, rendered by which pure
 * renderer, and where it goes. As Prowler does, a file written with `-o` leaves the terminal its table: the
 * formatted output goes to the file, the table to stdout.
 */
import { writeFileSync } from 'node:fs';
import type { Report } from '../lambda/domain/types';
import { renderAsffImports } from '../lambda/render/asff-import-file';
import { renderCsv } from '../lambda/render/csv-report';
import { renderOcsf } from '../lambda/render/ocsf-finding';

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'ocsf', 'asff', 'email'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** The formats that list findings only: what could not be checked is said on stderr beside them. */
type FindingsFormat = Extract<OutputFormat, 'csv' | 'ocsf' | 'asff'>;

export const FORMAT_USAGE = `  --format FORMAT      table (default); json (schema/report.schema.json, with --organization
                       schema/org-report.schema.json); csv (one row per certificate and place); ocsf (OCSF 1.6.0
                       Detection Findings); asff (batch-import-findings --cli-input-json requests, one per line);
                       email (the alert's email text, the digest's with --organization)
  --json               the same as --format json
  -o, --output FILE    write the format to FILE instead of stdout, which then gets the table`;

export interface OutputOptions {
  readonly format: OutputFormat;
  /** @default stdout */
  readonly file?: string;
}

/** The output options from `--format`, `--json` and `-o`, or what is wrong with them. */
export function outputOptions(args: {
  readonly format?: string | undefined;
  readonly json: boolean;
  readonly output?: string | undefined;
}): OutputOptions | { readonly error: string } {
  const format = args.format ?? (args.json ? 'json' : 'table');
  if (!isOutputFormat(format))
    return { error: `--format: expected one of ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(format)}` };
  if (args.json && format !== 'json')
    return { error: `--json is --format json: give one of --json, --format ${format}` };
  if (args.output === '') return { error: '--output: expected a file name' };
  return { format, ...(args.output !== undefined ? { file: args.output } : {}) };
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

export function isFindingsFormat(format: OutputFormat): format is FindingsFormat {
  return format === 'csv' || format === 'ocsf' || format === 'asff';
}

/** Every report's findings in a findings format; ASFF for Security Hub CSPM in `region`. */
export function renderFindingsAs(format: FindingsFormat, reports: readonly Report[], region: string): string {
  switch (format) {
    case 'csv':
      return renderCsv(reports);
    case 'ocsf':
      return renderOcsf(reports);
    case 'asff':
      return renderAsffImports(reports, region);
  }
}

export interface Rendered {
  /** The output in the chosen format. */
  readonly text: string;
  /** The table, for the terminal when the output goes to a file. */
  readonly table: string;
  /** What could not be checked, one line each: on stderr beside a findings format (its records cannot say it). */
  readonly notChecked: readonly string[];
}

export interface OutputIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Writes the output to the file or stdout; the table to stdout when there is a file. `quiet`: no note. */
export function emitOutput(io: OutputIo, options: OutputOptions, rendered: Rendered, quiet = false): void {
  if (options.file !== undefined) {
    writeFileSync(options.file, rendered.text);
    io.out(rendered.table);
    if (!quiet) io.err(`Wrote the ${options.format} output to ${options.file}.`);
    return;
  }
  // io.out ends the text with a newline: a text that has its own keeps one (CSV's CRLF stays whole).
  if (rendered.text !== '') io.out(rendered.text.replace(/\n$/, ''));
  if (isFindingsFormat(options.format) && rendered.notChecked.length > 0)
    io.err(['Not everything could be checked (results may be incomplete):', ...rendered.notChecked].join('\n'));
}
