import { h } from '../ui/dom.js';

/**
 * Shows every uncaught error and unhandled rejection in a visible banner instead of leaving
 * a blank or frozen page; the message is the error's own (it names what failed).
 */
export function installErrorBanner(root: HTMLElement): void {
  const banner = h('div', { className: 'error-banner', attrs: { role: 'alert', hidden: true } });
  root.prepend(banner);
  const show = (message: string): void => {
    // Also on the console, where developers and the Chromium tests look for errors.
    // eslint-disable-next-line no-console -- the console is this error's second audience
    console.error(`deeptune web: ${message}`);
    banner.hidden = false;
    banner.append(h('p', { text: `Something went wrong: ${message}` }));
  };
  window.addEventListener('error', (event) => show(event.message));
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    show(reason instanceof Error ? reason.message : String(reason));
  });
}
