/**
 * The import boundaries (scripts/lib/import-boundaries.ts) hold on the project, and a file that
 * breaks one is reported with the rule it breaks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/node/paths.ts';
import { brokenRule, importBoundaryViolations } from '../../scripts/lib/import-boundaries.ts';

describe('import boundaries', () => {
  it('hold on the project', () => {
    expect(importBoundaryViolations(PROJECT_ROOT)).toEqual([]);
  });

  describe('each rule', () => {
    it('src/shared imports nothing outside it', () => {
      expect(brokenRule('src/shared/au/registry.ts', 'src/app/app.ts')).toMatch(/src\/shared\/ runs in every thread/);
      expect(brokenRule('src/shared/au/registry.ts', 'src/shared/contract/index.ts')).toBeNull();
    });

    it('the contract imports only itself', () => {
      expect(brokenRule('src/shared/contract/frame.ts', 'src/shared/flash/event.ts')).toMatch(/the contract imports nothing outside/);
      expect(brokenRule('src/shared/contract/frame.ts', 'src/shared/contract/speech.ts')).toBeNull();
    });

    it('only test/ imports test/', () => {
      expect(brokenRule('eval/people/replay.ts', 'test/support/recordings.ts')).toMatch(/only test\/ imports test\//);
      expect(brokenRule('test/unit/a.test.ts', 'test/e2e/helpers.ts')).toBeNull();
    });

    it('the app imports no tooling', () => {
      expect(brokenRule('src/app/app.ts', 'scripts/lib/media.ts')).toMatch(/imports no tooling/);
      expect(brokenRule('workers/landmarker.worker.ts', 'eval/metrics.ts')).toMatch(/imports no tooling/);
    });

    it('an indexed folder is reached through its index from outside, except by tests', () => {
      expect(brokenRule('src/cli/read-rules.ts', 'src/shared/flash/rules/parse-rules.ts')).toMatch(
        /outside src\/shared\/flash\/, import it through src\/shared\/flash\/index.ts/,
      );
      expect(brokenRule('src/cli/read-rules.ts', 'src/shared/flash/index.ts')).toBeNull();
      expect(brokenRule('src/shared/flash/group/label.ts', 'src/shared/flash/kinds.ts')).toBeNull();
      expect(brokenRule('test/unit/flash/kinds.test.ts', 'src/shared/flash/kinds.ts')).toBeNull();
    });
  });

  describe('on a tree that breaks them', () => {
    let root = '';
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };

    it('reports each broken import, multi-line and dynamic ones included, with its file and rule', () => {
      root = mkdtempSync(join(tmpdir(), 'microflash-boundaries-'));
      put('src/shared/flash/engine.ts', "import {\n  App,\n} from '../../app/app.ts';\nexport const x = 1;\n");
      put('eval/run.ts', "const m = await import('../test/support/media.ts');\nimport { x } from '../src/shared/flash/engine.ts';\n");
      put('src/app/app.ts', "import { x } from '../shared/flash/index.ts';\nimport 'vite/client';\n");
      expect(importBoundaryViolations(root).sort()).toEqual([
        'eval/run.ts imports src/shared/flash/engine.ts: outside src/shared/flash/, import it through src/shared/flash/index.ts (export what is needed there)',
        'eval/run.ts imports test/support/media.ts: only test/ imports test/ (move helpers that tools share into scripts/lib/)',
        'src/shared/flash/engine.ts imports src/app/app.ts: src/shared/ runs in every thread and imports nothing outside it',
      ]);
    });
  });
});
