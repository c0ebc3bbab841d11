/**
 * `npm start`: serves the built app on http://localhost (127.0.0.1 only), with the app's
 * Content-Security-Policy. Needs no network. Port: $PORT, else 5173.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR } from './paths.ts';
import { startStaticServer } from './static-server.ts';

const DEFAULT_PORT = 5173;

if (!existsSync(join(DIST_DIR, 'index.html'))) {
  console.error('No build found in dist/. Run `npm run build` (or `npm start`, which builds first).');
  process.exit(1);
}
const port = Number(process.env.PORT ?? DEFAULT_PORT);
try {
  const server = await startStaticServer(DIST_DIR, port);
  console.log(`Microflash is running at ${server.url}/  (Ctrl+C to stop; frames never leave this machine)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is in use. Start on another: PORT=5174 npm start`
      : `Could not start the server: ${(err as Error).message}`,
  );
  process.exit(1);
}
