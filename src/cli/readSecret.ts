/**
 * Gets the client secret without it ever being an argument: from CONNECTOR_CLIENT_SECRET, else
 * typed at the terminal with echo off, else read from a pipe. The value is returned, never printed.
 */

export interface SecretSources {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Piped input beyond this is not a secret; reading stops there. */
const MAX_PIPED_BYTES = 64 * 1024;

function readPiped(stdin: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stdin.on('data', (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size <= MAX_PIPED_BYTES) chunks.push(buffer);
      else stdin.pause();
      if (size > MAX_PIPED_BYTES) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stdin.on('error', reject);
  });
}

function readHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WritableStream): Promise<string> {
  stderr.write('Client secret (the Value; input hidden): ');
  return new Promise((resolve) => {
    let value = '';
    const finish = (): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') {
          stdin.setRawMode(false);
          stderr.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (value.length < 4096) value += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The secret as given (validation and trimming happen in the consent core). */
export async function readSecret(sources: SecretSources): Promise<string> {
  const fromEnv = sources.env.CONNECTOR_CLIENT_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (sources.stdin.isTTY) return readHidden(sources.stdin, sources.stderr);
  return readPiped(sources.stdin);
}
