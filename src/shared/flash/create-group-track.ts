/**
 * The event state of one group of competing AU rules (e.g. anger / disgust / pain): at most one
 * event at a time. The group's level is the largest activation / off over its rules; an event
 * starts when some rule's onset activation reaches its `on` (and onsets are not blocked, and the
 * group is armed: group/onset-detector.ts), and ends when the level falls below 1 (every rule
 * below its `off`). Onset and offset are the interpolated crossings of that level.
 *
 * The event is shown ('onset') as soon as it has lasted its rule's minMs (0 for flashes: on the
 * frame it is detected) with the rule that matches it most completely on that frame; at the end
 * ('complete') it takes the kind of the rule that carried most of it (group/label.ts).
 *
 * The rooms: onset detection (group/onset-detector.ts), each side's timing (group/side-tracker.ts),
 * what the open event gathers (group/event-accumulator.ts), labelling and the event itself
 * (group/label.ts). This file only orders them per frame.
 */
import type { AuGroup } from './compile-rules.ts';
import { crossingTime } from './crossing-time.ts';
import type { FlashEngineOptions } from './defaults.ts';
import type { FlashEndReason, FlashEvent } from './event.ts';
import type { RuleFrame } from './evaluate-au-rule.ts';
import { createEventAccumulator } from './group/event-accumulator.ts';
import { buildGroupEvent, chooseRule, type EventState, type LabelOptions } from './group/label.ts';
import { createOnsetDetector, type LevelSample } from './group/onset-detector.ts';
import { createSideTracker } from './group/side-tracker.ts';

export interface GroupFrameFlags {
  /** New onsets are not trusted this frame (head turning). */
  onsetBlocked: boolean;
  /** The pose stepped this frame: an onset now waits for the next frame, which confirms it
   * (the head stopped) or withdraws it (onsetBlocked: the head kept moving). */
  onsetProvisional: boolean;
  /** Something that lowers confidence is going on (talking, head motion). */
  disturbed: boolean;
  /** The person is talking (or may be): an event a mouth-only rule carries must last speechMouthOnlyMinMs. */
  speaking: boolean;
}

export interface GroupTrack {
  /** An event is open. */
  readonly active: boolean;
  step(t: number, frames: readonly RuleFrame[], values: Float32Array, sigma: Float32Array, flags: GroupFrameFlags, out: FlashEvent[]): void;
  /** Ends an open event at `atMs` (tracking loss, end of file). */
  end(atMs: number, reason: FlashEndReason, out: FlashEvent[]): void;
  /** Forgets the previous samples (after a gap): the next onset needs a fresh rise. */
  reset(): void;
}

/** What a group track reads of the engine options: the labelling's, the onset detector's lag, and how long a mouth-only event must last while talking. */
export type GroupTrackOptions = LabelOptions & Pick<FlashEngineOptions, 'exclusionLagMaxMs' | 'speechMouthOnlyMinMs'>;

export function createGroupTrack(group: AuGroup, options: GroupTrackOptions, nextId: () => number): GroupTrack {
  const rules = group.rules;
  const n = rules.length;
  const onset = createOnsetDetector(options.exclusionLagMaxMs);
  const sides = createSideTracker();
  const acc = createEventAccumulator(rules);
  const sideLevels = [NaN, NaN];
  const sample: LevelSample = { level: 0, low: true };
  const unexcludedSample: LevelSample = { level: 0, low: true };

  let active = false;
  let emitted = false;
  let provisional = false;
  /** The event began while the person talked. */
  let talkingAtStart = false;
  const ev: EventState = { id: 0, onsetT: NaN, disturbed: false, sigma: null };
  /** How long the event must last before rule k may show it: its own minMs, and while talking,
   * for a rule only the mouth can meet, long enough not to be a syllable's pull on a corner. */
  const minMsOf = (k: number) => {
    const rule = rules[k]!;
    return talkingAtStart && rule.mouthOnly ? Math.max(rule.minMs, options.speechMouthOnlyMinMs) : rule.minMs;
  };

  const start = (t: number, speaking: boolean) => {
    active = true;
    talkingAtStart = speaking;
    ev.id = nextId();
    ev.onsetT = onset.onsetTime();
    ev.disturbed = false;
    emitted = false;
    provisional = false;
    acc.start(t, ev.onsetT);
    sides.startEvent();
  };

  const emit = (
    k: number,
    lateral: boolean,
    status: FlashEvent['status'],
    offsetMs: number,
    endedBy: FlashEndReason | null,
    out: FlashEvent[],
  ) => {
    out.push(buildGroupEvent(rules[k]!, k, lateral, status, offsetMs, endedBy, ev, acc, sides, options));
  };

  const finish = (offsetMs: number, reason: FlashEndReason, out: FlashEvent[]) => {
    if (!active) return;
    active = false;
    sides.finishEvent(offsetMs);
    const { k, lateral } = chooseRule(rules, acc, sides);
    if (!emitted && offsetMs - ev.onsetT < minMsOf(k)) return;
    emit(k, lateral, 'complete', offsetMs, reason, out);
  };

  return {
    get active() {
      return active;
    },
    step(t, frames, values, sigma, flags, out) {
      ev.sigma = sigma;
      let level = 0;
      /** The same two before exclusions: they time the onset (group/onset-detector.ts). */
      let unexcludedLevel = 0;
      let unexcludedMid = 0;
      let startLevel = 0;
      /** Largest activation against the halfway mark between a rule's off and on. */
      let midLevel = 0;
      let lead = 0;
      let leadEvidence = -1;
      sideLevels[0] = sideLevels[1] = NaN;
      for (let k = 0; k < n; k++) {
        const rule = rules[k]!;
        const f = frames[rule.index]!;
        const held = f.activation / rule.off;
        if (held > level) level = held;
        const halfway = (rule.off + rule.on) / 2;
        const mid = f.activation / halfway;
        if (mid > midLevel) midLevel = mid;
        const own = f.unexcluded / rule.off;
        if (own > unexcludedLevel) unexcludedLevel = own;
        const ownMid = f.unexcluded / halfway;
        if (ownMid > unexcludedMid) unexcludedMid = ownMid;
        // The rule shown at the onset: of those that could start an event now, the fullest match.
        const s = f.onsetActivation / rule.on;
        if (s >= 1 && f.evidence > leadEvidence) {
          lead = k;
          leadEvidence = f.evidence;
        }
        if (s > startLevel) startLevel = s;
        if (rule.hasSided) {
          const l = f.left / rule.off;
          const r = f.right / rule.off;
          if (!(l <= sideLevels[0]!)) sideLevels[0] = l;
          if (!(r <= sideLevels[1]!)) sideLevels[1] = r;
        }
      }
      const prevT = onset.prevT;
      const prevLevel = onset.prevLevel;
      sample.level = level;
      sample.low = midLevel < 1;
      unexcludedSample.level = unexcludedLevel;
      unexcludedSample.low = unexcludedMid < 1;
      onset.step(t, sample, unexcludedSample);
      sides.crossings(t, prevT, sideLevels);

      if (active && provisional) {
        provisional = false;
        if (flags.onsetBlocked) {
          // The head kept moving: the onset was a turn's geometry, not an expression. Withdrawn
          // unseen; a fresh rise is needed.
          active = false;
          onset.disarm();
        }
      }
      if (!active && startLevel >= 1) {
        if (onset.armed && !flags.onsetBlocked && onset.hasCandidate) {
          start(t, flags.speaking);
          provisional = flags.onsetProvisional;
        } else onset.disarm();
      }
      if (active) {
        sides.track(t, prevT, sideLevels);
        if (level >= 1) {
          if (flags.disturbed) ev.disturbed = true;
          acc.add(t, prevT, frames, values);
          const { k } = chooseRule(rules, acc, sides);
          if (t - ev.onsetT >= rules[k]!.maxMs) {
            finish(ev.onsetT + rules[k]!.maxMs, 'max-duration', out);
            onset.disarm();
          } else if (!emitted && !provisional) {
            // Shown with the fullest match that could start an event now, else the rule carrying it.
            const shown = startLevel >= 1 ? lead : k;
            if (t - ev.onsetT >= minMsOf(shown)) {
              emitted = true;
              emit(shown, false, 'onset', NaN, null, out);
            }
          }
        } else {
          // The apex may still be waiting for this sample to be refined.
          acc.refineApex(t, frames);
          finish(crossingTime(prevT, prevLevel, t, level, 1), 'offset', out);
        }
      }
      acc.commit(frames);
      onset.commit();
      sides.commit(sideLevels);
    },
    end(atMs, reason, out) {
      finish(Math.max(atMs, ev.onsetT), reason, out);
    },
    reset() {
      onset.reset();
      sides.reset();
      active = false;
    },
  };
}
