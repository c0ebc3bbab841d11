/** The page's one message line: an error, a warning or a note, with at most one action and a dismiss button. */
import { h } from './ui/dom.ts';

export type MessageKind = 'error' | 'warn' | 'info';

export interface MessageAction {
  label: string;
  run: () => void;
}

export class Messages {
  constructor(private readonly el: HTMLElement) {}

  say(kind: MessageKind, text: string, action?: MessageAction): void {
    const m = this.el;
    m.hidden = false;
    m.className = `message ${kind}`;
    m.dataset.kind = kind;
    m.replaceChildren(h('span', {}, text));
    if (action) m.append(h('button', { onclick: action.run }, action.label));
    m.append(h('button', { class: 'dismiss', 'aria-label': 'Dismiss', onclick: () => (m.hidden = true) }, '×'));
  }

  clear(): void {
    this.el.hidden = true;
  }
}
