/**
 * A worker call's answer, or null after `ms`: a worker that died never answers, and the page must
 * not wait on it while the bridge restarts it. A rejected call also gives null.
 */
export function answerOrNull<T>(call: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([call.catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}
