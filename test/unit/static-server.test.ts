/** The local server: malformed requests, other hosts and odd file names cannot break it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../src/node/static-server.ts';

let server: StaticServer;
let dir: string;

/** A raw GET (no URL normalisation by the client), with the Host header given. */
function get(path: string, host?: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: host ?? `localhost:${port}` } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'microflash-static-'));
  writeFileSync(join(dir, 'index.html'), '<p>app</p>');
  server = await startStaticServer(dir);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('static server', () => {
  it('answers a malformed percent-encoding with 400 and keeps serving', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/clip.%zz')).status).toBe(400);
    expect(await get('/')).toEqual({ status: 200, body: '<p>app</p>' });
  });

  it('answers only to its own host names', async () => {
    const { port } = new URL(server.url);
    expect((await get('/', 'evil.example:80')).status).toBe(421);
    expect((await get('/', `rebound.example:${port}`)).status).toBe(421);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) expect((await get('/', host)).status, host).toBe(200);
  });

  it('serves input files whose names hold #, % and ?', async () => {
    for (const name of ['clip.mp4#1', 'clip.%zz', 'a?b.mp4', 'odd name.mov']) {
      const file = join(dir, name);
      writeFileSync(file, `bytes of ${name}`);
      const url = server.addFile(file);
      expect(url).not.toMatch(/[#?%]/);
      expect(await get(new URL(url).pathname), name).toEqual({ status: 200, body: `bytes of ${name}` });
      server.removeFile(url);
    }
  });

  it('does not serve files outside its folder', async () => {
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });
});
