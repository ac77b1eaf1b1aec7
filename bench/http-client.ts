// A keep-alive HTTP/1.1 client on one bare socket for the load loops: one GET at a time, bodies by Content-Length or chunked.
import net from 'node:net';

/**
 * Why: the load clients share the machine's two CPUs with the server and PostgreSQL, and node:http's
 * client (ClientRequest, IncomingMessage, its parser, the agent) cost about as much CPU per request as
 * the bare-SQL loop's node-postgres. This client parses only what a load loop needs: the status, the
 * body's length or chunks, and the body.
 */
export class KeepAliveClient {
  private readonly socket: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private pending: { resolve(r: { status: number; body: string }): void; reject(e: Error): void } | null = null;
  private readonly connected: Promise<void>;

  constructor(port: number, host = '127.0.0.1') {
    this.socket = net.connect({ port, host, noDelay: true });
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.parse();
    });
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('close', () => this.fail(new Error('connection closed')));
  }

  async get(path: string, headers = 'Accept: application/json\r\n'): Promise<{ status: number; body: string }> {
    await this.connected;
    if (this.pending) throw new Error('one request at a time');
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private fail(e: Error): void {
    const p = this.pending;
    this.pending = null;
    p?.reject(e);
  }

  /** Takes one whole answer off the buffer when it is all there. */
  private parse(): void {
    if (!this.pending) return;
    const headEnd = this.buf.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buf.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let body: string;
    let used: number;
    if (length) {
      used = headEnd + 4 + Number(length[1]);
      if (this.buf.length < used) return;
      body = this.buf.toString('utf8', headEnd + 4, used);
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const lineEnd = this.buf.indexOf('\r\n', at);
        if (lineEnd < 0) return;
        const size = parseInt(this.buf.toString('latin1', at, lineEnd), 16);
        if (this.buf.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          used = lineEnd + 4;
          break;
        }
        parts.push(this.buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts).toString('utf8');
    } else {
      this.fail(new Error(`an answer without Content-Length or chunks: ${head.slice(0, 200)}`));
      this.socket.destroy();
      return;
    }
    this.buf = this.buf.subarray(used);
    const p = this.pending;
    this.pending = null;
    p.resolve({ status, body });
  }
}
