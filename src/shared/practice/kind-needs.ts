/**
 * What a kind needs, read from the detector's rules: its core rule's requirements (each allOf AU,
 * and each anyOf group as alternatives) and its exclusions. Practice feedback and lesson text use
 * it, so they say what the detector itself looks for.
 */
import type { AuId, AuRule, ExcludedAu, FlashKind, RequiredAu, Rules } from '../contract/index.ts';

/** One requirement: any of these AUs at or above its own min (FACS 0-5). */
export type Need = readonly RequiredAu[];

export interface KindNeeds {
  kind: FlashKind;
  needs: readonly Need[];
  /** AUs whose presence above `max` rules the kind out. */
  excludes: readonly ExcludedAu[];
}

function isAuRule(r: Rules['rules'][number]): r is AuRule {
  return r.signal === 'aus';
}

/** The kind's core (first) AU rule's needs; null for a kind without one (dissociation is a gaze state). */
export function kindNeeds(rules: Rules, kind: FlashKind): KindNeeds | null {
  const rule = rules.rules.filter(isAuRule).find((r) => r.kind === kind);
  if (!rule) return null;
  return {
    kind,
    needs: [...rule.allOf.map((t) => [t]), ...(rule.anyOf ?? [])],
    excludes: rule.exclude ?? [],
  };
}

/** Every AU a need list mentions. */
export function needAus(needs: KindNeeds): AuId[] {
  return [...new Set(needs.needs.flat().map((t) => t.au))];
}
