import { createFakeClock } from '../../../src/time/clock';
import { createLogger, createNullLogger, isLogLevel, type LogLevel } from '../../../src/log/logger';

const SECRET = 'kQz8Q~a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7';
const CLOCK = createFakeClock('2025-06-01T10:00:00.000Z');

describe('createLogger', () => {
  it('writes one JSON line per event with time, level, msg and fields', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), clock: CLOCK, base: { app: 'bot' } });
    log.info('started', { port: 3978 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '2025-06-01T10:00:00.000Z',
      level: 'info',
      msg: 'started',
      app: 'bot',
      port: 3978,
    });
  });

  it('drops events below the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', sink: (l) => lines.push(l), clock: CLOCK });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['warn', 'error']);
    expect(log.level).toBe('warn');
  });

  it('child loggers add fields and keep the sink and level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', sink: (l) => lines.push(l), clock: CLOCK, base: { a: 1 } });
    const child = log.child({ requestId: 'r1' }).child({ step: 'token' });
    child.debug('hidden');
    child.info('shown', { extra: true });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ a: 1, requestId: 'r1', step: 'token', extra: true });
  });

  it('never lets a field overwrite time, level or msg', () => {
    const lines: string[] = [];
    createLogger({ sink: (l) => lines.push(l), clock: CLOCK }).info('real', {
      msg: 'fake',
      level: 'error',
      time: 'then',
    });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      msg: 'real',
      level: 'info',
      time: '2025-06-01T10:00:00.000Z',
      'field.msg': 'fake',
    });
  });

  it('never lets a secret reach the sink, whichever way it is passed', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'debug',
      sink: (l) => lines.push(l),
      clock: CLOCK,
      base: { botPassword: SECRET },
    });
    log.info(`user pasted ${SECRET}`);
    log.warn('check failed', { clientSecret: SECRET, input: { secret: SECRET }, note: `value ${SECRET}` });
    log.error('boom', { err: new Error(`AADSTS7000215 client_secret=${SECRET}`) });
    log.debug('debug with stack', { err: new Error(`bad ${SECRET}`) });
    log.child({ headers: { authorization: `Bearer ${SECRET}` } }).info('request');
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(SECRET.slice(6, 20));
    }
  });

  it('includes error stacks only at debug level', () => {
    const errorField = (level: LogLevel): Record<string, unknown> => {
      const lines: string[] = [];
      createLogger({ level, sink: (l) => lines.push(l), clock: CLOCK }).error('x', { err: new Error('e') });
      return (JSON.parse(lines[0] ?? '') as { err: Record<string, unknown> }).err;
    };
    expect(errorField('info').stack).toBeUndefined();
    expect(errorField('info').message).toBe('e');
    expect(String(errorField('debug').stack)).toContain('logger.test');
  });

  it('survives a throwing sink and circular fields', () => {
    const log = createLogger({
      sink: () => {
        throw new Error('disk full');
      },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.me = cyclic;
    expect(() => log.error('x', { cyclic })).not.toThrow();
    const lines: string[] = [];
    createLogger({ sink: (l) => lines.push(l), clock: CLOCK }).info('c', { cyclic });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ cyclic: { me: '[circular]' } });
  });

  it('writes to stdout by default', () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      createLogger({ clock: CLOCK }).info('to stdout');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]?.[0])).toMatch(/"msg":"to stdout".*\n$/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('createNullLogger and isLogLevel', () => {
  it('null logger accepts everything and writes nothing', () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const log = createNullLogger();
      log.error('x');
      log.child({ a: 1 }).info('y');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('recognises the four levels only', () => {
    expect(['debug', 'info', 'warn', 'error'].every(isLogLevel)).toBe(true);
    expect(isLogLevel('trace')).toBe(false);
    expect(isLogLevel('INFO')).toBe(false);
  });
});
