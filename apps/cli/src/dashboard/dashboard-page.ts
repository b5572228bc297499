import { REPORT_CSS, escapeHtml } from 'deeptune';

/** The page's own style, after the report's: the live status line. */
const DASHBOARD_CSS = `
#status { position: sticky; top: 0; z-index: 1; margin: 0 0 12px; padding: 6px 10px;
  border-radius: 6px; font-size: 0.9em; background: #eef6ee; color: #1d5e20; }
#status.stale { background: #fdeeee; color: #8a1c1c; }
`;

/**
 * The script of the page (served as `/dashboard.js`, so the page's Content-Security-Policy
 * allows no inline script): it fetches the study's sections every refresh interval and puts
 * them in place, without reloading the page; when the server cannot be reached it says so
 * and keeps what it showed.
 */
export const DASHBOARD_SCRIPT = `'use strict';
const study = document.getElementById('study');
const status = document.getElementById('status');
const interval = Number(document.body.dataset.refreshMs) || 2000;
let shown = '';
let refreshes = 0;
async function refresh() {
  try {
    const response = await fetch('fragment', { cache: 'no-store' });
    const text = await response.text();
    if (!response.ok) throw new Error(text || 'HTTP ' + response.status);
    if (text !== shown) {
      study.innerHTML = text;
      shown = text;
    }
    refreshes++;
    document.body.dataset.refreshes = String(refreshes);
    status.textContent = 'Live: refreshed at ' + new Date().toLocaleTimeString() + ', every ' + interval / 1000 + ' s.';
    status.className = '';
  } catch (error) {
    status.textContent = 'Not refreshed: ' + error.message + ' (trying again every ' + interval / 1000 + ' s).';
    status.className = 'stale';
  }
  setTimeout(refresh, interval);
}
refresh();
`;

/** The Content-Security-Policy of every response: same-origin script and fetches only. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The dashboard's page: the report's style, a status line, the study's sections as they are
 * now (so the page is useful before its script runs), and the script that refreshes them.
 */
export function dashboardPage(title: string, sections: string, refreshMs: number): string {
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<link rel="icon" href="data:,">' +
    `<title>${escapeHtml(title)}</title><style>${REPORT_CSS}${DASHBOARD_CSS}</style></head>\n` +
    `<body data-refresh-ms="${refreshMs}"><main><h1>${escapeHtml(title)}</h1>` +
    '<p id="status">Live: waiting for the first refresh.</p>' +
    `<div id="study">${sections}</div>` +
    '<footer>deeptune tune dashboard: read-only; it refreshes itself.</footer></main>' +
    '<script src="dashboard.js"></script></body></html>\n'
  );
}
