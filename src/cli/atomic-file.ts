/**
 * Files that appear under their real name only when complete: written as `<name>.partial`, then
 * renamed (rename is atomic within one file system). A crash or a failure leaves at most a
 * `.partial` file, which nothing mistakes for a result.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { partialPath } from './output-paths.ts';

export interface AtomicWriter {
  readonly path: string;
  /** Appends text, waiting while the disk catches up. */
  write(text: string): Promise<void>;
  /** Flushes, closes and renames to the real name. */
  commit(): Promise<void>;
  /** Closes and deletes the partial file; safe to call after a failed write or twice. */
  abort(): Promise<void>;
}

/** Opens `<finalPath>.partial` for streaming (folders are created). */
export async function openAtomicWriter(finalPath: string): Promise<AtomicWriter> {
  const temp = partialPath(finalPath);
  await mkdir(path.dirname(finalPath), { recursive: true });
  const stream: WriteStream = createWriteStream(temp, { flags: 'w' });
  let failure: Error | null = null;
  stream.on('error', (e) => (failure = e));
  await once(stream, 'open');
  let closed = false;
  return {
    path: finalPath,
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await drained(stream);
      if (failure) throw failure;
    },
    async commit() {
      if (failure) throw failure;
      closed = true;
      await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
      await rename(temp, finalPath);
    },
    async abort() {
      if (!closed) {
        closed = true;
        if (!stream.closed) {
          const gone = once(stream, 'close').catch(() => undefined);
          stream.destroy();
          await gone;
        }
      }
      await rm(temp, { force: true });
    },
  };
}

/** Writes a whole file atomically. */
export async function writeFileAtomic(finalPath: string, text: string): Promise<void> {
  const writer = await openAtomicWriter(finalPath);
  try {
    await writer.write(text);
    await writer.commit();
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

/** Resolves on 'drain', rejects on 'error', and leaves no listener behind either way. */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (e: Error) => {
      stream.off('drain', onDrain);
      reject(e);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
