/**
 * Places models/face_landmarker.task and verifies its sha256.
 * Sources, in order: $MICROFLASH_MODEL (a file path), ../shared/models/ (a local mirror), the
 * official URL. Runs on `npm install`; safe to run again (a verified file is left alone).
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL } from '../src/shared/model.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(root, MODEL.path);

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

type Source = { label: string; fetchTo: (tmp: string) => Promise<void> };

function sources(): Source[] {
  const list: Source[] = [];
  const fromEnv = process.env[MODEL.envVar];
  list.push({
    label: `$${MODEL.envVar}${fromEnv ? ` (${fromEnv})` : ' (not set)'}`,
    fetchTo: async (tmp) => {
      if (!fromEnv) throw new Error('not set');
      await copyFile(fromEnv, tmp);
    },
  });
  const mirror = resolve(root, MODEL.localMirror);
  list.push({
    label: mirror,
    fetchTo: async (tmp) => copyFile(mirror, tmp),
  });
  list.push({
    label: MODEL.officialUrl,
    fetchTo: async (tmp) => {
      const res = await fetch(MODEL.officialUrl, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await writeFile(tmp, new Uint8Array(await res.arrayBuffer()));
    },
  });
  return list;
}

async function main(): Promise<void> {
  if (existsSync(target) && (await sha256Of(target)) === MODEL.sha256) {
    console.log(`model: ${MODEL.path} present and verified`);
    return;
  }
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.partial`;
  const failures: string[] = [];
  for (const source of sources()) {
    try {
      await source.fetchTo(tmp);
      const got = await sha256Of(tmp);
      if (got !== MODEL.sha256) throw new Error(`sha256 mismatch (got ${got})`);
      await rename(tmp, target);
      console.log(`model: ${MODEL.path} placed from ${source.label}, sha256 verified`);
      return;
    } catch (err) {
      failures.push(`  - ${source.label}: ${(err as Error).message}`);
    }
  }
  console.error(
    [
      `model: could not place ${MODEL.path} (sha256 ${MODEL.sha256}). Tried:`,
      ...failures,
      `Fix: download face_landmarker.task (float16, v1) and run \`${MODEL.envVar}=/path/to/face_landmarker.task npm run setup-model\`.`,
    ].join('\n'),
  );
  process.exit(1);
}

await main();
