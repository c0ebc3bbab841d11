/**
 * Content-Security-Policy of the app. `connect-src 'self'` keeps every fetch/XHR/beacon of the page
 * and of its workers on this origin: MediaPipe's bundled usage logger (which posts to a Google
 * endpoint) is blocked, and so is anything else that would send data off the machine.
 * 'wasm-unsafe-eval' lets MediaPipe compile its WebAssembly; blob: workers are not used.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
