import { outputOptions } from '../../bin/output-format';
import { progressLine } from '../../bin/progress-line';

describe('outputOptions', () => {
  it('defaults to the table; --json is --format json; -o names the file', () => {
    expect(outputOptions({ json: false })).toEqual({ format: 'table' });
    expect(outputOptions({ json: true })).toEqual({ format: 'json' });
    expect(outputOptions({ json: true, format: 'json' })).toEqual({ format: 'json' });
    expect(outputOptions({ json: false, format: 'csv', output: 'out.csv' })).toEqual({
      format: 'csv',
      file: 'out.csv',
    });
  });

  it('refuses an unknown format, --json with another, and an empty file name', () => {
    expect(outputOptions({ json: false, format: 'sarif' })).toEqual({
      error: '--format: expected one of table, json, csv, ocsf, asff, email, got "sarif"',
    });
    expect(outputOptions({ json: true, format: 'csv' })).toEqual({
      error: '--json is --format json: give one of --json, --format csv',
    });
    expect(outputOptions({ json: false, output: '' })).toEqual({ error: '--output: expected a file name' });
  });
});

describe('progressLine', () => {
  const terminal = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (text: string) => written.push(text) };
  };

  it('rewrites one line on a terminal and ends it once', () => {
    const t = terminal(true);
    const line = progressLine(t);
    line.show('1 of 2');
    line.show('2 of 2');
    line.end();
    line.end();
    expect(t.written).toEqual(['\r1 of 2\u001b[K', '\r2 of 2\u001b[K', '\n']);
  });

  it('writes nothing to a pipe or a file, and ends nothing it did not show', () => {
    const pipe = terminal(false);
    const line = progressLine(pipe);
    line.show('1 of 2');
    line.end();
    expect(pipe.written).toEqual([]);
    const tty = terminal(true);
    progressLine(tty).end();
    expect(tty.written).toEqual([]);
    expect(() => progressLine(undefined).show('x')).not.toThrow();
  });
});
