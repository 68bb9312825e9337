/** The README fits a few screens: what and why, the quick start, deploy, main keys, clean-up, and links to docs/. */
import { documentationFiles, headingSlugs, links, parseMarkdown, readDoc } from './markdown';

const README = readDoc('README.md');

describe('README.md', () => {
  it('is at most 200 lines: depth goes to docs/', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(200);
  });

  it('has the quick start, deploy, configuration, clean-up and documentation sections', () => {
    const slugs = headingSlugs(README);
    for (const slug of ['quick-start-no-aws-account-needed', 'deploy', 'configuration', 'clean-up', 'documentation'])
      expect(slugs).toContain(slug);
  });

  it('keeps the two quick-start commands', () => {
    const quickStart = parseMarkdown(README).blocks.find((block) => block.info.includes('runnable'))?.body ?? '';
    expect(quickStart).toMatch(/^npm ci && npm run demo\b/m);
    expect(quickStart).toMatch(/^npm test\b/m);
  });

  it('links to every docs page', () => {
    const targets = new Set(links(README).map((link) => link.target.split('#')[0]));
    for (const page of documentationFiles().filter((file) => file.startsWith('docs/'))) expect(targets).toContain(page);
  });

  it('is where clean-up is described, once for both deployments', () => {
    const cleanUps = documentationFiles().filter((file) =>
      [...headingSlugs(readDoc(file))].some((s) => /^clean-up/.test(s)),
    );
    expect(cleanUps).toEqual(['README.md']);
    expect([...headingSlugs(README)].filter((slug) => slug.startsWith('clean-up'))).toEqual(['clean-up']);
  });
});
