import { h } from './dom.js';

/** A place on the page for a specific error or notice (`role="alert"` for errors). */
export class MessageBox {
  /** The element to insert. */
  readonly element: HTMLElement;

  constructor(testId: string) {
    this.element = h('div', {
      className: 'message-box',
      attrs: { 'data-testid': testId, hidden: true },
    });
  }

  /** Shows an error. */
  error(message: string): void {
    this.#show(message, 'error');
  }

  /** Shows a notice. */
  notice(message: string): void {
    this.#show(message, 'notice');
  }

  /** Hides the box. */
  clear(): void {
    this.element.hidden = true;
    this.element.textContent = '';
  }

  #show(message: string, kind: 'error' | 'notice'): void {
    this.element.hidden = false;
    this.element.className = `message-box ${kind}`;
    this.element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    this.element.textContent = message;
  }
}
