import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The boundary rule (docs/architecture.md, "The server's modules"): the top-level folders under server/src
 * (the domains and the infrastructure folders) may depend on each other only one way. A cycle between two
 * folders means neither can be understood, tested or moved without the other. Imports are read with
 * TypeScript's own parser; `import type` (and `export type`) counts too, because a type from another domain
 * is still a dependency on it. Specs are left out.
 */
const SRC = resolve(__dirname, '../src');
const ENTITY_REGISTRY = join(SRC, 'database', 'entities.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') ? [p] : [];
  });
}

/** The top-level folder of a file under src ('.' for the files directly in src). */
function folderOf(file: string): string {
  const rel = relative(SRC, file).split(sep);
  return rel.length > 1 ? rel[0] : '.';
}

/** folder → folder it imports → the files that import it. */
export function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (from === '.' || file === ENTITY_REGISTRY) continue;
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) && !ts.isExportDeclaration(st)) continue;
      const spec =
        st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
      if (!spec || !spec.startsWith('.')) continue;
      const typeOnly = ts.isImportDeclaration(st) ? !!st.importClause?.isTypeOnly : st.isTypeOnly;
      if (typeOnly) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SRC + sep)) continue;
      const to = folderOf(target.endsWith('.ts') ? target : `${target}.ts`);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), relative(SRC, file)]);
    }
  }
  return graph;
}

/** The groups of folders that reach each other through imports (strongly connected, more than one folder). */
export function cycleGroups(graph: Map<string, Map<string, string[]>>): string[][] {
  const reach = (start: string): Set<string> => {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length) {
      for (const next of graph.get(todo.pop()!)?.keys() ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          todo.push(next);
        }
      }
    }
    return seen;
  };
  const reaches = new Map([...graph.keys()].map((k) => [k, reach(k)]));
  const groups: string[][] = [];
  const placed = new Set<string>();
  for (const a of [...graph.keys()].sort()) {
    if (placed.has(a)) continue;
    const group = [...graph.keys()].filter(
      (b) => b === a || (reaches.get(a)!.has(b) && reaches.get(b)!.has(a)),
    );
    if (group.length > 1) groups.push(group.sort());
    group.forEach((g) => placed.add(g));
  }
  return groups;
}

/** Pairs of folders that import each other directly, with the files doing it: where to cut a cycle. */
export function mutualImports(graph: Map<string, Map<string, string[]>>): string[] {
  const out: string[] = [];
  for (const [a, edges] of graph)
    for (const [b, files] of edges)
      if (a < b && graph.get(b)?.has(a))
        out.push(
          `${a} → ${b} (${files.slice(0, 2).join(', ')}) and ${b} → ${a} (${graph.get(b)!.get(a)!.slice(0, 2).join(', ')})`,
        );
  return out.sort();
}

/**
 * Known debt: folders still in an import cycle, which this test tolerates. None are left. The last cycle held
 * clocks, incidents, notifications, privacy, reports, routing, tickets and visits: the tickets domain called
 * routing, incidents, privacy and clocks while each of them read or moved tickets. Those calls now go through the
 * tickets domain's ports (tickets/ports.ts), which each of those domains provides from a global port module of its
 * own, as TicketIntakeHooks, TicketHooks and TicketActionGuard already were. The list may only get shorter: it
 * stays empty, and a folder that joins a cycle fails the test.
 */
const KNOWN_CYCLE: string[] = [];

describe('boundaries between the folders of server/src', () => {
  const graph = folderGraph();

  it('finds the imports (the parser sees the tickets domain importing the event bus)', () => {
    expect(graph.get('tickets')?.has('events')).toBe(true);
  });

  it('has no import cycle between folders (the known list is empty and stays so)', () => {
    const groups = cycleGroups(graph);
    const inCycles = groups.flat().sort();
    const debt = new Set(KNOWN_CYCLE);
    expect({
      groups: groups.map((g) => g.join(', ')),
      joined: inCycles.filter((f) => !debt.has(f)),
      left: KNOWN_CYCLE.filter((f) => !inCycles.includes(f)),
      // Shown when the test fails: the direct two-way imports, the first place to cut.
      mutual: groups.length ? mutualImports(graph) : [],
    }).toEqual({ groups: [], joined: [], left: [], mutual: [] });
    expect(KNOWN_CYCLE).toEqual([]);
  });

  it('has no Nest module importing another through forwardRef (a module cycle would need it)', () => {
    const withForwardRef = sourceFiles(SRC)
      .filter((f) => f.endsWith('.module.ts') && /\bforwardRef\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(withForwardRef).toEqual([]);
  });

  it('spots a cycle: a graph where a imports b and b imports a through c', () => {
    const g = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['c', ['b/y.ts']]])],
      ['c', new Map([['a', ['c/z.ts']]])],
      ['d', new Map([['a', ['d/w.ts']]])],
    ]);
    expect(cycleGroups(g)).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the ticket event bus below the domains: events/ takes only types from them', () => {
    const valueImports = sourceFiles(join(SRC, 'events')).flatMap((file) => {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
      return sf.statements
        .filter(
          (st): st is ts.ImportDeclaration =>
            ts.isImportDeclaration(st) &&
            ts.isStringLiteral(st.moduleSpecifier) &&
            st.moduleSpecifier.text.startsWith('../') &&
            !st.moduleSpecifier.text.startsWith('../common/') &&
            !st.importClause?.isTypeOnly,
        )
        .map((st) => `${relative(SRC, file)}: ${(st.moduleSpecifier as ts.StringLiteral).text}`);
    });
    expect(valueImports).toEqual([]);
  });
});

describe('services a newcomer can read', () => {
  it('keeps every service at 600 lines or fewer (split by responsibility when one grows past it)', () => {
    const long = sourceFiles(SRC)
      .filter((f) => f.endsWith('.service.ts'))
      .map((f) => ({ file: relative(SRC, f), lines: (readFileSync(f, 'utf8').match(/\n/g) ?? []).length }))
      .filter((x) => x.lines > 600);
    expect(long).toEqual([]);
  });
});
