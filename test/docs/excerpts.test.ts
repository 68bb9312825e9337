/**
 * A ```text excerpt-of=<file> block of README.md or docs/*.md quotes that file (a golden file of real output): each
 * of its lines is a line of the file, in order; `...` lines mark what it leaves out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { documentationFiles, firstMissingLine, parseMarkdown, readDoc, ROOT } from './markdown';

const excerpts = documentationFiles().flatMap((file) =>
  parseMarkdown(readDoc(file)).blocks.flatMap((block) => {
    const source = block.info.find((word) => word.startsWith('excerpt-of='))?.slice('excerpt-of='.length);
    return source ? [{ where: `${file}:${block.line}`, source, body: block.body }] : [];
  }),
);

describe('excerpts of files in the documentation', () => {
  it('there is at least the golden email', () => {
    expect(excerpts.map((e) => e.source)).toContain('test/lambda/render/__golden__/realistic.email.txt');
  });

  it.each(excerpts.map((e) => [e.where, e] as const))('%s', (where, { source, body }) => {
    const quoted = fs.readFileSync(path.join(ROOT, source), 'utf8');
    expect({ where, notInFile: firstMissingLine(body, quoted) }).toEqual({ where, notInFile: undefined });
  });
});
