import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test database, so that a test can break the connections that
 * pass through it the way a network or a dying server does: reset (RST), with no message from
 * PostgreSQL first.
 */
export class TcpProxy {
  readonly #server: Server;
  /** The open client-side connections. */
  readonly #clients = new Set<Socket>();

  private constructor(host: string, port: number) {
    this.#server = createServer((client) => {
      const upstream = connect(port, host);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => to.destroy());
      }
      this.#clients.add(client);
      client.on('close', () => this.#clients.delete(client));
    });
  }

  /** Listens on a free local port and forwards each connection to `host:port`. */
  static async start(host: string, port: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(host, port);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(0, '127.0.0.1', resolve);
    });
    return proxy;
  }

  /** The local port clients connect to. */
  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy is closed');
    return address.port;
  }

  /** Resets every open connection (each client reads ECONNRESET); returns how many. */
  resetAll(): number {
    const open = [...this.#clients];
    for (const socket of open) socket.resetAndDestroy();
    return open.length;
  }

  /** Resets the open connections and stops listening. */
  async close(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
