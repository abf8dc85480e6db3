/**
 * Creates (or reuses) the sandbox tenant's local CA and server certificate and prints the CA path.
 * `npm test` runs this before jest so NODE_EXTRA_CA_CERTS can point at the CA from the start.
 */
import { ensureSandboxCertificates } from './certificates';

const dirArg = process.argv.indexOf('--dir');
const dir = dirArg >= 0 ? process.argv[dirArg + 1] : undefined;
if (dirArg >= 0 && !dir) {
  process.stderr.write('usage: certificatesCli [--dir <folder>]\n');
  process.exit(2);
}
process.stdout.write(`${ensureSandboxCertificates(dir).caPath}\n`);
