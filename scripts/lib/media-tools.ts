/**
 * ffmpeg and ffprobe for the tests and the eval: the system's where it has them, else the ones the
 * optional npm packages @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe carry.
 * MICROFLASH_FFMPEG=bundled uses the bundled ones even where the system has its own.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type MediaTool = 'ffmpeg' | 'ffprobe';
export const FFMPEG_ENV = 'MICROFLASH_FFMPEG';
const PACKAGES: Record<MediaTool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

function bundled(tool: MediaTool): string | null {
  try {
    const { path } = createRequire(import.meta.url)(PACKAGES[tool]) as { path: string };
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return null;
  }
}

/**
 * The executable for `tool` (`from` 'bundled': only the bundled one), or null where there is none.
 * Read at each call: $MICROFLASH_FFMPEG may be set after start-up.
 */
export function mediaToolPath(tool: MediaTool, from: 'any' | 'bundled' = 'any'): string | null {
  const onlyBundled = from === 'bundled' || process.env[FFMPEG_ENV] === 'bundled';
  return (onlyBundled ? null : onPath(tool)) ?? bundled(tool);
}

export function missingToolMessage(tool: MediaTool): string {
  return `${tool} not found: neither on PATH nor from the optional package ${PACKAGES[tool]} (reinstall with \`npm install\`, or install ffmpeg: Debian/Ubuntu \`sudo apt-get install -y ffmpeg\`).`;
}

const passthrough = new Map<string, string[]>();

/**
 * Arguments that keep every frame at its own time (no duplication or dropping): `-fps_mode` from
 * ffmpeg 5, `-vsync` before it.
 */
export function keepFrameTimes(): string[] {
  const ffmpeg = mediaToolPath('ffmpeg');
  if (!ffmpeg) throw new Error(missingToolMessage('ffmpeg'));
  if (!passthrough.has(ffmpeg)) {
    const help = execFileSync(ffmpeg, ['-hide_banner', '-h', 'long'], { encoding: 'utf8', maxBuffer: 16 << 20 });
    // Before 5, the encoder's time base is 1/frame rate unless told otherwise, which merges the
    // frames of a variable-rate file that lie closer than a frame apart.
    passthrough.set(ffmpeg, help.includes('-fps_mode') ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough', '-enc_time_base', '-1']);
  }
  return passthrough.get(ffmpeg)!;
}
