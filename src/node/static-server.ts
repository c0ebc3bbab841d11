/**
 * A small local HTTP server for the built app: static files from dist/ with the app's
 * Content-Security-Policy, byte ranges (video files are range-read), and optional extra files
 * (inputs of a batch analysis) under /input/<token>. Listens on 127.0.0.1 only, and answers only
 * requests addressed to its own host names (localhost, 127.0.0.1, [::1]): a page elsewhere cannot
 * reach it through a DNS name rebound to 127.0.0.1. A malformed request is answered 400, never
 * thrown.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/csp.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.task': 'application/octet-stream',
};

export interface StaticServer {
  url: string;
  /** Makes a local file readable at the returned same-origin URL. */
  addFile(path: string): string;
  removeFile(url: string): void;
  close(): Promise<void>;
}

/** The host names the local servers answer to. */
export const LOCAL_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Whether a Host header names this machine (with or without the port). */
export function isLocalHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return LOCAL_HOST_NAMES.some((name) => host === name || host === `${name}:${port}`);
}

/** The request's path, or null when it cannot be read (bad URL or percent-encoding). */
function requestPath(rawUrl: string | undefined): string | null {
  try {
    return decodeURIComponent(new URL(rawUrl ?? '/', 'http://localhost').pathname);
  } catch {
    return null;
  }
}

export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  const rootDir = resolve(root);
  const files = new Map<string, string>();
  let nextToken = 1;
  let boundPort = port;

  const server: Server = createServer((req, res) => {
    if (!isLocalHost(req.headers.host, boundPort)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('This server answers only to localhost.');
      return;
    }
    const path = requestPath(req.url);
    if (path === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request');
      return;
    }
    let file: string | undefined;
    if (path.startsWith('/input/')) {
      file = files.get(path);
    } else {
      const rel = normalize(path === '/' ? '/index.html' : path);
      const candidate = join(rootDir, rel);
      if (candidate.startsWith(rootDir)) file = candidate;
    }
    let size: number;
    try {
      if (!file) throw new Error('not found');
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string | number> = {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    };
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': size });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  const address = server.address();
  boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://localhost:${boundPort}`;
  return {
    url,
    addFile(path: string) {
      // The route never carries the file's own name: `#`, `%` or `?` in it would change the URL.
      const ext = extname(path);
      const route = `/input/${nextToken++}${/^\.[A-Za-z0-9]{1,8}$/.test(ext) ? ext : ''}`;
      files.set(route, resolve(path));
      return `${url}${route}`;
    },
    removeFile(fileUrl: string) {
      files.delete(new URL(fileUrl).pathname);
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
