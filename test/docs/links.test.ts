/** Every relative link of README.md and docs/*.md leads to a file that exists, and every #anchor to a heading. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { brokenLink, documentationFiles, headingSlugs, links, readDoc, ROOT } from './markdown';

/** A file's text, '' for a directory (a link may name a folder), undefined when there is nothing there. */
function readFromRepository(file: string): string | undefined {
  const full = path.join(ROOT, file);
  if (!fs.existsSync(full)) return undefined;
  return fs.statSync(full).isDirectory() ? '' : fs.readFileSync(full, 'utf8');
}

describe('documentation links', () => {
  it.each(documentationFiles())('%s: every relative link resolves', (file) => {
    const found = links(readDoc(file));
    const broken = found.flatMap(({ target, line }) => {
      const problem = brokenLink(file, target, readFromRepository);
      return problem ? [`${file}:${line}: ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('every docs page has its contents and a link back to the README', () => {
    for (const file of documentationFiles().filter((f) => f.startsWith('docs/'))) {
      const text = readDoc(file);
      expect({ file, backLink: text.includes('](../README.md)') }).toEqual({ file, backLink: true });
      const sections = [...text.matchAll(/^## (.+)$/gm)].length;
      const contents = /^\[Back to the README\]\(\.\.\/README\.md\) · Contents: (.*)$/m.exec(text)?.[1] ?? '';
      expect({ file, contentsEntries: links(contents).length }).toEqual({ file, contentsEntries: sections });
    }
  });
});

describe('the link checker', () => {
  const pages: Record<string, string> = {
    'README.md':
      '# Title\n\n## Quick start (no AWS account needed)\n\n## Node.js versions\n\n## Deploy\n\n### Deploy\n',
    'docs/a.md': '# A\n\n```bash\n# not a heading\n```\n\n## Security Hub: `ASFF` & more\n',
    'lib/config.ts': 'export {};',
  };
  const read = (file: string) => pages[file];

  it('makes GitHub anchors: punctuation dropped, spaces to hyphens, repeats numbered', () => {
    expect([...headingSlugs(pages['README.md']!)]).toEqual([
      'title',
      'quick-start-no-aws-account-needed',
      'nodejs-versions',
      'deploy',
      'deploy-1',
    ]);
    expect([...headingSlugs(pages['docs/a.md']!)]).toEqual(['a', 'security-hub-asff--more']);
  });

  it('accepts what exists and names what does not', () => {
    expect(brokenLink('docs/a.md', '../README.md#deploy-1', read)).toBeUndefined();
    expect(brokenLink('docs/a.md', '#security-hub-asff--more', read)).toBeUndefined();
    expect(brokenLink('docs/a.md', '../lib/config.ts', read)).toBeUndefined();
    expect(brokenLink('docs/a.md', 'https://docs.aws.amazon.com/x.html#y', read)).toBeUndefined();
    expect(brokenLink('docs/a.md', 'lib/config.ts', read)).toBe('lib/config.ts: no file docs/lib/config.ts');
    expect(brokenLink('README.md', '#not-a-heading', read)).toBe(
      '#not-a-heading: no heading #not-a-heading in README.md',
    );
    expect(brokenLink('README.md', 'docs/a.md#deploy', read)).toBe('docs/a.md#deploy: no heading #deploy in docs/a.md');
    expect(brokenLink('README.md', '../outside.md', read)).toBe('../outside.md: leaves the repository');
  });

  it('reads links from prose only, not from code', () => {
    expect(links('see [a](x.md) and `[b](y.md)`\n```\n[c](z.md)\n```\n[d](w.md#h "title")')).toEqual([
      { target: 'x.md', line: 1 },
      { target: 'w.md#h', line: 5 },
    ]);
  });
});
