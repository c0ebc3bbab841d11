/**
 * The WebGL renderer's name, where the browser tells it (page or worker: OffscreenCanvas), and
 * whether it is software: on one, a "GPU" path only emulates a GPU on the CPU, slower.
 */
/** WebGL renderers that run on the CPU: a GPU delegate on them only emulates a GPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** What is read of a WebGL context (typed here: src/shared also compiles for Node, which has no WebGL types). */
interface GlLike {
  RENDERER: number;
  getExtension(name: string): { UNMASKED_RENDERER_WEBGL?: number; loseContext?: () => void } | null;
  getParameter(p: number): unknown;
}
type CanvasCtor = new (w: number, h: number) => { getContext(id: 'webgl2'): GlLike | null };

/** The WebGL renderer's name, where the browser tells it; null without WebGL 2. */
export function webglRenderer(): string | null {
  const Canvas = (globalThis as { OffscreenCanvas?: CanvasCtor }).OffscreenCanvas;
  const gl = Canvas ? new Canvas(1, 1).getContext('webgl2') : null;
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info?.UNMASKED_RENDERER_WEBGL !== undefined ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext?.();
  return typeof name === 'string' ? name : null;
}

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERER.test(name);
}
