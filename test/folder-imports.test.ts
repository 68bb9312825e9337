/**
 * Folder imports go one way (docs/development.md): no two folders of the product code import each other, even
 * through others, and `lib/` never imports `lambda/` (both read `contract/`). A parent folder and its subfolders
 * count apart; tests are not product code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
const SKIPPED = new Set(['node_modules', 'cdk.out', 'cdk.integ.out', 'test', 'coverage', 'dist']);
const FORBIDDEN: readonly (readonly [from: string, to: string])[] = [['lib', 'lambda']];
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

type FolderGraph = ReadonlyMap<string, ReadonlySet<string>>;

function productFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) || entry.name.startsWith('.') ? [] : productFiles(full);
    const isSource = entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts');
    return isSource ? [full] : [];
  });
}

/** Edges between folders (relative to the root) from every relative import of the product's TypeScript files. */
function folderGraph(root: string): FolderGraph {
  const edges = new Map<string, Set<string>>();
  for (const file of productFiles(root)) {
    const from = path.relative(root, path.dirname(file)) || '.';
    for (const match of fs.readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = path.join(path.dirname(file), match[1]!);
      const folder = fs.existsSync(target) && fs.statSync(target).isDirectory() ? target : path.dirname(target);
      const to = path.relative(root, folder) || '.';
      if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

const isUnder = (folder: string, prefix: string) => folder === prefix || folder.startsWith(`${prefix}/`);

/** Every cycle (a strongly connected set of two or more folders, Tarjan) and every forbidden arrow. */
function folderProblems(graph: FolderGraph, forbidden: typeof FORBIDDEN): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const problems: string[] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1) problems.push(`folder cycle: ${component.sort().join(' <-> ')}`);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  for (const [from, tos] of graph)
    for (const to of tos)
      for (const [src, dst] of forbidden)
        if (isUnder(from, src) && isUnder(to, dst)) problems.push(`forbidden: ${from} -> ${to}`);
  return problems;
}

const graphOf = (edges: Record<string, string[]>): FolderGraph =>
  new Map(Object.entries(edges).map(([from, tos]) => [from, new Set(tos)]));

describe('folder imports', () => {
  it('the product code has no folder cycle and no import from lib/ into lambda/', () => {
    const graph = folderGraph(ROOT);
    expect(graph.get('lib')).toContain('contract');
    expect(folderProblems(graph, FORBIDDEN)).toEqual([]);
  });

  it('finds a cycle through a third folder, and a forbidden arrow from a subfolder', () => {
    const graph = graphOf({ a: ['b'], b: ['c'], c: ['a'], 'lib/constructs': ['lambda/render'] });
    expect(folderProblems(graph, FORBIDDEN)).toEqual([
      'folder cycle: a <-> b <-> c',
      'forbidden: lib/constructs -> lambda/render',
    ]);
  });

  it('counts a parent folder and its subfolders apart', () => {
    expect(folderProblems(graphOf({ lambda: ['lambda/render'], 'lambda/render': ['lambda/text'] }), FORBIDDEN)).toEqual(
      [],
    );
  });
});
