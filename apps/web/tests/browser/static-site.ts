import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** A static HTTP server over the built site, on 127.0.0.1 and a free port. */
export interface StaticSite {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Serves `root` (the built `dist/`) on 127.0.0.1; paths outside it are 404. */
/** The headers that make a page cross-origin isolated (SharedArrayBuffer, wasm threads). */
const CROSS_ORIGIN_ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
} as const;

export async function serveStaticSite(root: string): Promise<StaticSite> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(
      `serveStaticSite: ${root}/index.html is missing; run \`pnpm --filter @deeptune/web build\` first.`,
    );
  }
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const path = join(root, relative === '' ? 'index.html' : relative);
    if (
      !(path === root || path.startsWith(root + sep)) ||
      !existsSync(path) ||
      !statSync(path).isFile()
    ) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      // Cross-origin isolation, as `pnpm web` serves it: shared memory for the wasm threads.
      ...CROSS_ORIGIN_ISOLATION,
    });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('serveStaticSite: no port.');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
