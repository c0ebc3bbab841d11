/**
 * The headless Chromium that comes inside the optional npm package @sparticuz/chromium (Linux x64
 * and arm64): brotli-compressed in node_modules, unpacked once into a cache folder and reused.
 *
 *   <cache>/chromium-<version>/chromium          the browser
 *   <cache>/chromium-<version>/lib*.so, vk_*     SwiftShader (WebGL without a GPU)
 *   <cache>/chromium-<version>/lib/              NSS and expat, for machines that lack them
 *
 * <cache> is $MICROFLASH_CACHE, else $XDG_CACHE_HOME/microflash, else ~/.cache/microflash.
 * Unpacking goes to a private folder renamed into place, so runs started together never see half
 * a browser.
 */
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

export const CACHE_ENV = 'MICROFLASH_CACHE';
const PACKAGE = '@sparticuz/chromium';

export interface BundledChromium {
  executablePath: string;
  /** Environment the browser needs (its libraries). */
  env: Record<string, string>;
  /** The package's version, which is Chromium's major version. */
  packageVersion: string;
}

export function cacheDir(): string {
  const fromEnv = process.env[CACHE_ENV];
  if (fromEnv) return fromEnv;
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.length > 0 ? xdg : join(homedir(), '.cache'), 'microflash');
}

/** The package's bin folder and version, or null where it is not installed (not Linux, or left out). */
function bundledPackage(): { bin: string; version: string } | null {
  if (process.platform !== 'linux') return null;
  try {
    // The package exports only its entry point: walk up from it to its own package.json.
    let dir = dirname(createRequire(import.meta.url).resolve(PACKAGE));
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string };
        if (name === PACKAGE) {
          const bin = join(dir, 'bin');
          return existsSync(join(bin, 'chromium.br')) ? { bin, version } : null;
        }
      }
      const up = dirname(dir);
      if (up === dir) return null;
      dir = up;
    }
  } catch {
    return null;
  }
}

export function hasBundledChromium(): boolean {
  return bundledPackage() !== null;
}

/** The bundled package's version (Chromium's major version first), or null where it is not installed. */
export function bundledChromiumVersion(): string | null {
  return bundledPackage()?.version ?? null;
}

function environment(dir: string): Record<string, string> {
  const lib = join(dir, 'lib');
  return { LD_LIBRARY_PATH: [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
}

async function unbrotli(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createBrotliDecompress(), createWriteStream(to, { mode: 0o755 }));
}

/** Unpacks a .tar.br into `into` with the system tar (present on every Linux). */
async function untarBrotli(from: string, into: string): Promise<void> {
  mkdirSync(into, { recursive: true });
  const tar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', resolve);
  });
  // tar stops reading at the archive's end marker and may leave the padding after it unread, which
  // breaks the pipe: its exit status, not the pipe, says whether the archive was unpacked.
  const piped = await pipeline(createReadStream(from), createBrotliDecompress(), tar.stdin).then(
    () => null,
    (err: Error) => err,
  );
  const code = await exited;
  if (code !== 0) throw new Error(`tar failed on ${from}: ${stderr.trim() || piped?.message || `exit ${code}`}`);
}

/**
 * The bundled browser, unpacked on first use (about 200 MB, a few seconds); null where the package
 * is not installed.
 */
export async function bundledChromium(): Promise<BundledChromium | null> {
  const pkg = bundledPackage();
  if (!pkg) return null;
  const dir = join(cacheDir(), `chromium-${pkg.version}`);
  const executablePath = join(dir, 'chromium');
  if (!existsSync(executablePath)) {
    mkdirSync(cacheDir(), { recursive: true });
    const work = `${dir}.unpacking-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      await Promise.all([
        unbrotli(join(pkg.bin, 'chromium.br'), join(work, 'chromium')),
        untarBrotli(join(pkg.bin, 'swiftshader.tar.br'), work),
        // NSS for machines without it (the archive's libraries sit under lib/).
        existsSync(join(pkg.bin, 'al2023.tar.br')) ? untarBrotli(join(pkg.bin, 'al2023.tar.br'), work) : Promise.resolve(),
      ]);
      try {
        renameSync(work, dir);
      } catch (err) {
        // Another run put it in place first: use theirs.
        if (!existsSync(executablePath)) throw err;
      }
    } catch (err) {
      throw new Error(
        `Could not unpack the bundled Chromium into ${dir}: ${(err as Error).message}. Free some disk space or set ${CACHE_ENV} to a writable folder.`,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return { executablePath, env: environment(dir), packageVersion: pkg.version };
}
