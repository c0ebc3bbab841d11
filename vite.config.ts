import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp.ts';

export default defineConfig({
  // Relative asset URLs so the built app can be served from any path on localhost.
  base: './',
  worker: { format: 'es' },
  // MediaPipe's module wasm loader must be served as-is (PLATFORM: pre-bundling breaks it).
  optimizeDeps: { exclude: ['@mediapipe/tasks-vision'] },
  assetsInclude: ['**/*.task'],
  server: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  build: {
    target: 'es2022',
    // The model bundle (3.7 MB) is emitted as a file, never inlined.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        harness: resolve(import.meta.dirname, 'harness.html'),
      },
    },
  },
});
