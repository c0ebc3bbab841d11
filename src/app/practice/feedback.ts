/** A judged try, as the learner reads it: caught or not, the kind read, timing, and the AUs for and against. */
import type { AuId, Prediction } from '../../shared/contract/index.ts';
import { AU_LIST } from '../../shared/contract/index.ts';
import { kindLabel } from '../../shared/flash/index.ts';
import type { TryVerdict } from '../../shared/practice/index.ts';
import { formatMs, h } from '../ui/dom.ts';

const AU_NAMES: ReadonlyMap<string, string> = new Map(AU_LIST.map((a) => [a.id, a.name]));
const au = (id: AuId) => h('abbr', { title: AU_NAMES.get(id) ?? id, class: 'au' }, id);

function list(items: Node[], empty: string): Node {
  if (!items.length) return document.createTextNode(empty);
  const span = h('span', {});
  for (const [i, n] of items.entries()) span.append(...(i ? [' ', n] : [n]));
  return span;
}

export function renderFeedback(el: HTMLElement, v: TryVerdict, personal: Prediction | null): void {
  const target = kindLabel(v.target.kind);
  const verdict = !v.caught
    ? 'Not caught: the detector saw no flash in the window.'
    : v.right
      ? v.brief
        ? `Caught: ${target}, brief enough.`
        : `Caught: ${target}, but longer than asked (${formatMs(v.durationMs!)} > ${formatMs(v.target.maxMs)}).`
      : `Caught, but read as ${kindLabel(v.read!)}, not ${target}.`;
  el.dataset.caught = String(v.caught);
  el.dataset.right = String(v.right);
  el.dataset.read = v.read ?? '';
  el.replaceChildren(
    h('p', { class: `verdict ${v.right ? 'right' : 'wrong'}` }, verdict),
    v.caught
      ? h(
          'p',
          { class: 'timing' },
          `Read as ${kindLabel(v.read!)} · ${formatMs(v.durationMs!)} long · started ${formatMs(v.onsetAfterGoMs!)} after "now"`,
          personal ? ` · your model: ${kindLabel(personal.kind)} (${Math.round(personal.p * 100)}%)` : '',
        )
      : '',
    h('p', { class: 'present' }, `${target} needs, there: `, list(v.present.map(au), 'none')),
    h(
      'p',
      { class: 'missing' },
      'Missing: ',
      list(
        v.missing.map((alts) =>
          alts.length === 1 ? au(alts[0]!) : h('span', {}, ...alts.flatMap((a, i) => (i ? [' or ', au(a)] : [au(a)]))),
        ),
        'nothing',
      ),
    ),
    h(
      'p',
      { class: 'against' },
      'Against it: ',
      list(
        v.against.map((a) => h('span', {}, au(a.au), a.kind ? ` (says ${kindLabel(a.kind)})` : ' (rules it out)')),
        'nothing',
      ),
    ),
  );
}

export function clearFeedback(el: HTMLElement): void {
  el.replaceChildren();
  delete el.dataset.caught;
  delete el.dataset.right;
  delete el.dataset.read;
}
