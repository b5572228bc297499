import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL server binaries of Debian's packages. */
function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `no PostgreSQL server binaries under ${root}: this test needs Debian's postgresql package (installed on the project's machines)`,
    );
  }
  return join(root, versions[0]!, 'bin');
}

/** A TCP port nobody listens on now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}

/**
 * A PostgreSQL server of the test's own (a fresh cluster in a temporary directory, on a free
 * port, trust authentication), so that a test can restart it without touching the server
 * other tests share. As root, the server runs as the `postgres` user (it refuses root).
 */
export class PrivatePostgres {
  readonly url: string;
  readonly #bin: string;
  readonly #dir: string;
  readonly #port: number;
  readonly #asRoot: boolean;

  private constructor(bin: string, dir: string, port: number, asRoot: boolean) {
    this.#bin = bin;
    this.#dir = dir;
    this.#port = port;
    this.#asRoot = asRoot;
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  /** Creates the cluster and starts the server (a few seconds). */
  static async start(): Promise<PrivatePostgres> {
    const bin = serverBin();
    const dir = mkdtempSync(join(tmpdir(), 'deeptune-private-postgres-'));
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const server = new PrivatePostgres(bin, dir, await freePort(), asRoot);
    server.#run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    server.#pgCtl('start');
    return server;
  }

  /** Stops the server as an administrator would (`pg_ctl stop -m fast`: connections are cut). */
  stop(): void {
    this.#pgCtl('stop', ['-m', 'fast']);
  }

  /** Starts it again on the same port and data. */
  restart(): void {
    this.#pgCtl('start');
  }

  /** Stops the server at once and deletes its data. */
  destroy(): void {
    try {
      this.#pgCtl('stop', ['-m', 'immediate']);
    } catch {
      // It was not running.
    }
    rmSync(this.#dir, { recursive: true, force: true });
  }

  #pgCtl(action: string, extra: readonly string[] = []): void {
    this.#run('pg_ctl', [
      '-D',
      join(this.#dir, 'data'),
      '-l',
      join(this.#dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.#port} -k ${this.#dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      ...extra,
      action,
    ]);
  }

  #run(program: string, args: readonly string[]): void {
    const path = join(this.#bin, program);
    if (this.#asRoot) {
      execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe' });
    } else {
      execFileSync(path, args, { stdio: 'pipe' });
    }
  }
}
