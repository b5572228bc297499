import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { escapeHtml, renderReportSections } from 'deeptune';
import { StorageUnavailableError } from 'deeptune/postgres';
import { DASHBOARD_CSP, DASHBOARD_SCRIPT, dashboardPage } from './dashboard-page.js';
import type { DashboardSnapshot, DashboardSource } from './dashboard-source.js';
import { workersSection } from './workers-section.js';

/** How the dashboard serves. */
export interface DashboardOptions {
  /** The address to listen on (127.0.0.1: this machine only). */
  readonly host: string;
  /** The port (0: any free one). */
  readonly port: number;
  /** How often the page refreshes, in milliseconds. */
  readonly refreshMs: number;
}

/** The study's sections: the report's, then the workers (for a shared storage). */
function sectionsOf(snapshot: DashboardSnapshot): string {
  return (
    renderReportSections(snapshot.header, snapshot.trials) +
    (snapshot.activity === undefined ? '' : workersSection(snapshot.activity, snapshot.at))
  );
}

/** Whether `address` (a `--host`) serves this machine only. */
export function isLoopbackAddress(address: string): boolean {
  return ['127.0.0.1', 'localhost', '::1'].includes(address);
}

/** Whether `host` (a Host header) names this server on a loopback address, by `port`. */
function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

/**
 * A read-only HTTP server for one study: `/` the page, `/dashboard.js` its script,
 * `/fragment` the study's sections as they are now, `/study.json` the study as data. The
 * storage is read at most once per half refresh interval, however many pages are open.
 * Bound to a loopback address, it answers only requests that name it by that address (a web
 * page elsewhere cannot read it through DNS rebinding); it accepts GET and HEAD only.
 */
export class DashboardServer {
  readonly #source: DashboardSource;
  readonly #options: DashboardOptions;
  readonly #server: Server;
  #port = 0;
  #last: { at: number; read: Promise<DashboardSnapshot> } | undefined;

  constructor(source: DashboardSource, options: DashboardOptions) {
    this.#source = source;
    this.#options = options;
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.#send(response, 500, 'text/plain; charset=utf-8', `error: ${String(error)}`);
      });
    });
  }

  /** Starts listening; resolves with the page's URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address();
    this.#port = typeof address === 'object' && address !== null ? address.port : 0;
    const host = this.#options.host.includes(':') ? `[${this.#options.host}]` : this.#options.host;
    return `http://${host}:${this.#port}/`;
  }

  /** Stops serving. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** The study as it is now, shared by requests within half a refresh interval. */
  #snapshot(): Promise<DashboardSnapshot> {
    const now = performance.now();
    if (this.#last === undefined || now - this.#last.at > this.#options.refreshMs / 2) {
      const read = this.#source.read();
      this.#last = { at: now, read };
      read.catch(() => {
        if (this.#last?.read === read) this.#last = undefined;
      });
    }
    return this.#last.read;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (
      isLoopbackAddress(this.#options.host) &&
      !isLoopbackHost(request.headers.host, this.#port)
    ) {
      this.#send(
        response,
        421,
        'text/plain; charset=utf-8',
        'this dashboard answers only to 127.0.0.1 or localhost\n',
      );
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      this.#send(response, 405, 'text/plain; charset=utf-8', 'the dashboard is read-only\n');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://dashboard.invalid').pathname;
    if (path === '/dashboard.js') {
      this.#send(response, 200, 'text/javascript; charset=utf-8', DASHBOARD_SCRIPT);
      return;
    }
    if (path !== '/' && path !== '/fragment' && path !== '/study.json') {
      this.#send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
      return;
    }
    let snapshot: DashboardSnapshot;
    try {
      snapshot = await this.#snapshot();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const unavailable = StorageUnavailableError.isInstance(error);
      if (path === '/') {
        const page = dashboardPage(
          `Study in ${this.#source.description}`,
          `<p class="note">${escapeHtml(message)}</p>`,
          this.#options.refreshMs,
        );
        this.#send(response, 200, 'text/html; charset=utf-8', page);
      } else {
        this.#send(response, unavailable ? 503 : 500, 'text/plain; charset=utf-8', message);
      }
      return;
    }
    if (path === '/study.json') {
      const body = JSON.stringify({
        study: snapshot.header,
        trials: snapshot.trials,
        workers: snapshot.activity ?? null,
        at: snapshot.at.toISOString(),
      });
      this.#send(response, 200, 'application/json; charset=utf-8', body);
      return;
    }
    const sections = sectionsOf(snapshot);
    if (path === '/fragment') {
      this.#send(response, 200, 'text/html; charset=utf-8', sections);
      return;
    }
    this.#send(
      response,
      200,
      'text/html; charset=utf-8',
      dashboardPage(`Study '${snapshot.header.name}'`, sections, this.#options.refreshMs),
    );
  }

  #send(response: ServerResponse, status: number, type: string, body: string): void {
    if (response.headersSent) {
      response.end();
      return;
    }
    response.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': DASHBOARD_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    response.end(response.req.method === 'HEAD' ? undefined : body);
  }
}
