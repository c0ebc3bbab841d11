/**
 * Before another person's video is analysed (a shared tab or window: the other side of a call), the
 * page says what will happen and asks for that person's consent; the answer and its time go with a
 * kept session and its export. Analysing one's own face on the camera needs no consent step.
 */
import { h } from './ui/dom.ts';

/** What the person analysed has agreed to, and when (kept with a session). */
export interface ConsentRecord {
  /** ISO 8601, when the user confirmed it. */
  givenAt: string;
  /** The disclosure the user confirmed, word for word. */
  disclosure: string;
}

/** Said before a shared tab or window is analysed; kept word for word with the consent. */
export const SHARE_DISCLOSURE = [
  'The person in the window you share next will be analysed: their face is tracked, its action units are measured against their own neutral face, and brief expressions are flagged as they happen.',
  'Everything runs in this browser. Nothing is sent anywhere, and nothing is recorded unless you turn on "Keep this session"; kept sessions can be exported and deleted under "Your data".',
  'To stop at any time, press Stop or end the sharing.',
  'Go on only if that person has agreed to this.',
].join(' ');

/**
 * Shows the disclosure in `dialog` and waits for the answer: the consent record when the user confirms
 * the person has agreed, null when they cancel (Escape included).
 */
export function askConsent(dialog: HTMLDialogElement, now: () => Date = () => new Date()): Promise<ConsentRecord | null> {
  return new Promise((resolve) => {
    const answer = (agreed: boolean) => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      resolve(agreed ? { givenAt: now().toISOString(), disclosure: SHARE_DISCLOSURE } : null);
    };
    const onCancel = (e: Event) => {
      e.preventDefault();
      answer(false);
    };
    dialog.replaceChildren(
      h('h2', {}, 'Analyse another person?'),
      h('p', {}, SHARE_DISCLOSURE),
      h(
        'div',
        { class: 'consent-actions' },
        h('button', { id: 'consent-cancel', onclick: () => answer(false) }, 'Cancel'),
        h('button', { id: 'consent-agree', class: 'primary', onclick: () => answer(true) }, 'They have agreed: share a window'),
      ),
    );
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
  });
}
