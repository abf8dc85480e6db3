/** Which bot a bench child process serves. */
export type BotKind = 'real' | 'echo';

/** Messages a bench bot process sends its parent over the IPC channel. */
export type ChildMessage =
  | { readonly type: 'listening'; readonly port: number }
  | {
      readonly type: 'memory';
      readonly rss: number;
      readonly heapUsed: number;
      /** process.cpuUsage() user + system so far, in microseconds: CPU per turn, whatever the machine's load. */
      readonly cpuMicros: number;
    }
  | { readonly type: 'failed'; readonly message: string };

/** Messages the parent sends. */
export type ParentMessage = { readonly type: 'memory' } | { readonly type: 'stop' };

/** Narrows an IPC payload to a ChildMessage (the channel carries unknown JSON). */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'listening') return typeof m.port === 'number';
  if (m.type === 'memory')
    return typeof m.rss === 'number' && typeof m.heapUsed === 'number' && typeof m.cpuMicros === 'number';
  if (m.type === 'failed') return typeof m.message === 'string';
  return false;
}

/** Narrows an IPC payload to a ParentMessage. */
export function isParentMessage(value: unknown): value is ParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as Record<string, unknown>).type;
  return type === 'memory' || type === 'stop';
}
