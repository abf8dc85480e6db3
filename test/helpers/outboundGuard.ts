import net from 'node:net';

/** One outbound connection the code under test tried to open. */
export interface OutboundAttempt {
  readonly host: string;
  readonly port: number;
}

export interface OutboundGuard {
  /** Every connection attempt to a non-loopback address, refused before any packet left. */
  refused(): readonly OutboundAttempt[];
  clear(): void;
  restore(): void;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

function target(args: readonly unknown[]): { host: string; port: number } | undefined {
  // http.Agent calls connect with its internal [options, callback] array form.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'number') return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
  if (first && typeof first === 'object') {
    const options = first as { host?: unknown; port?: unknown; path?: unknown };
    if (options.path) return undefined; // a Unix socket or pipe
    return { host: typeof options.host === 'string' ? options.host : 'localhost', port: Number(options.port ?? 0) };
  }
  return undefined; // a Unix socket path
}

/**
 * Patches net.Socket#connect (where http, https and tls all end up) so a test can prove the
 * bot never connects to a non-loopback address: such attempts are recorded and fail with
 * ECONNREFUSED before DNS or any packet, so even a regression cannot reach a real host.
 */
export function installOutboundGuard(): OutboundGuard {
  const attempts: OutboundAttempt[] = [];
  const original = net.Socket.prototype.connect;
  type ConnectArgs = Parameters<typeof original>;
  const patched = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const to = target(args);
    if (!to || LOOPBACK.test(to.host)) return original.apply(this, args as ConnectArgs);
    attempts.push(to);
    const error = Object.assign(new Error(`outbound guard: refused ${to.host}:${to.port}`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(error));
    return this;
  };
  net.Socket.prototype.connect = patched as typeof original;
  return {
    refused: () => [...attempts],
    clear: () => {
      attempts.length = 0;
    },
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}
