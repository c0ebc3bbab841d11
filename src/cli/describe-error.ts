/**
 * One line per failure, saying what went wrong and how to fix it. The line starts with the input's
 * name so that a batch log can be grepped.
 */
import path from 'node:path';
import { AnalysisError } from '../node/analysis-types.ts';
import { isErrorCode, type ErrorCode } from '../shared/contract/index.ts';

/** Containers that folder scans pick up but the page's demuxer does not read. */
const UNREAD_CONTAINERS = new Set(['.avi']);

/** The transcode command that makes any video decodable here (H.264 in MP4, visually lossless). */
export function transcodeHint(inputPath: string): string {
  const out = inputPath.replace(/\.[^./\\]+$/, '') + '.h264.mp4';
  return `ffmpeg -i ${shellQuote(inputPath)} -c:v libx264 -crf 18 ${shellQuote(out)}`;
}

/**
 * Why a file failed, for the log: `<path>: <what>`, plus the transcode command where converting the
 * file is the fix and the message does not already give one.
 */
export function describeFileError(inputPath: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  // The page names the file by its base name; the log line already starts with the full path.
  const ownName = `${path.basename(inputPath)}: `;
  const message = raw.startsWith(ownName) ? raw.slice(ownName.length) : raw;
  const withHint = (what: string) => (message.includes('ffmpeg') ? what : `${what} Convert it: ${transcodeHint(inputPath)}`);
  const code = errorCode(error);
  switch (code) {
    case 'unsupported-codec':
      return withHint(`${inputPath}: unsupported video codec: ${message}`);
    case 'corrupt-file':
      return UNREAD_CONTAINERS.has(path.extname(inputPath).toLowerCase())
        ? `${inputPath}: ${path.extname(inputPath)} files are not read (the container, not the file, is the problem). Convert it: ${transcodeHint(inputPath)}`
        : `${inputPath}: damaged or not a video: ${message}`;
    case 'no-video-track':
      return `${inputPath}: no video track: ${message}`;
    case null:
      return `${inputPath}: ${message}`;
    default:
      return `${inputPath}: ${code}: ${message}`;
  }
}

/** The `code` of an AnalysisError (or of any error carrying a string code), else null. */
export function errorCode(error: unknown): ErrorCode | null {
  if (error instanceof AnalysisError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return isErrorCode(code) ? code : null;
}

/** Errors that would fail every file the same way: the batch stops instead of repeating them. */
export function isSetupError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'no-browser' || code === 'model-load-failed';
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}
