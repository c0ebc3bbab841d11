/**
 * The import boundaries of the code, checked from the files themselves (a unit test runs this on
 * the project, so `npm test` fails on a violation):
 *
 * - `src/shared/` imports nothing outside it (it runs in every thread: worker, page, Node);
 * - `src/shared/contract/` imports nothing outside itself (it is the ground everything stands on);
 * - code outside `src/shared/<folder>/` with an index reaches that folder through its `index.ts`
 *   (tests excepted: unit tests reach the parts they test);
 * - only `test/` imports `test/`; `src/` and `workers/` import none of `bench/`, `eval/`, `scripts/`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** The folders whose files are read (relative to the root). */
export const CHECKED_DIRS = ['src', 'workers', 'test', 'bench', 'eval', 'scripts'] as const;

/** Folders reached only through their index from outside. */
export const INDEXED_FOLDERS = ['src/shared/au', 'src/shared/flash', 'src/shared/export', 'src/shared/contract'] as const;

/** Every module specifier in `from '...'`, `import '...'` and `import('...')`, single- or multi-line. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'([^']+)'/gm;

const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

function listTs(root: string, dir: string): string[] {
  const abs = join(root, dir);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) return listTs(root, rel);
    return rel.endsWith('.ts') || rel.endsWith('.mts') ? [rel] : [];
  });
}

/** The one rule an import breaks, or null. `from` and `to` are root-relative, `/`-separated. */
export function brokenRule(from: string, to: string): string | null {
  if (inside(from, 'src/shared/contract') && !inside(to, 'src/shared/contract')) {
    return 'the contract imports nothing outside src/shared/contract/ (move what it needs into it)';
  }
  if (inside(from, 'src/shared') && !inside(to, 'src/shared')) {
    return 'src/shared/ runs in every thread and imports nothing outside it';
  }
  if (inside(to, 'test') && !inside(from, 'test')) {
    return 'only test/ imports test/ (move helpers that tools share into scripts/lib/)';
  }
  if ((inside(from, 'src') || inside(from, 'workers')) && ['bench', 'eval', 'scripts'].some((d) => inside(to, d))) {
    return 'the app (src/, workers/) imports no tooling (bench/, eval/, scripts/)';
  }
  if (!inside(from, 'test')) {
    for (const folder of INDEXED_FOLDERS) {
      if (inside(to, folder) && !inside(from, folder) && to !== `${folder}/index.ts`) {
        return `outside ${folder}/, import it through ${folder}/index.ts (export what is needed there)`;
      }
    }
  }
  return null;
}

/** Every broken boundary under `root`, one line each: `<file> imports <module>: <rule>`. */
export function importBoundaryViolations(root: string): string[] {
  const out: string[] = [];
  for (const file of CHECKED_DIRS.flatMap((d) => listTs(root, d))) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      const spec = m[1]!;
      if (!spec.startsWith('.')) continue;
      const to = relative(root, normalize(join(root, dirname(file), spec)))
        .split('\\')
        .join('/');
      const rule = brokenRule(file, to);
      if (rule) out.push(`${file} imports ${to}: ${rule}`);
    }
  }
  return out;
}
