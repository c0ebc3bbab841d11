/**
 * What the Node program may name of the browser, and no more (it has no DOM types, so DOM use in
 * src/node or src/cli does not compile):
 * - the harness page's globals, for the callbacks handed to `page.evaluate` (they run in the page);
 * - the web platform objects the contract names (frames and bitmaps handed to the worker), opaque:
 *   Node code only passes the contract's types along, it never makes or reads these.
 * Included by tsconfig.node.json only; the page, the worker and the browser-driving tests have the real ones.
 */
declare const window: Window;
declare const document: { readonly body: { readonly dataset: Readonly<Record<string, string | undefined>> } };

interface VideoFrame {
  readonly __webPlatform: 'VideoFrame';
}
interface ImageBitmap {
  readonly __webPlatform: 'ImageBitmap';
}
type Transferable = ArrayBuffer | MessagePort;
