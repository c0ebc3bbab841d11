import type { Delegate } from './contract/index.ts';

/** The delegate-probe worker's interface (types only). */
export interface DelegateProbeApi {
  /** Median ms per frame of `delegate` on a synthetic camera-sized frame. */
  probe(delegate: Delegate): Promise<number>;
}
