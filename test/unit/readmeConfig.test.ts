import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS } from '../../src/config';

/** The README's configuration table is what admins read: it must list every key the bot reads. */
describe('README configuration table', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## The `connector-check` CLI'));
  const rows = new Map(
    section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => [/^\| `([A-Z_]+)`/.exec(line)?.[1] ?? '', line] as const),
  );

  it.each(CONFIG_KEYS.map((k) => [k.key, k] as const))('documents %s with its default', (name, info) => {
    const row = rows.get(name);
    expect(row).toBeDefined();
    if (info.default && name !== 'ALLOWED_SERVICE_URLS') expect(row).toContain(`\`${info.default}\``);
  });

  it('documents no key the bot does not read', () => {
    const known = new Set(CONFIG_KEYS.map((k) => k.key));
    expect([...rows.keys()].filter((k) => !known.has(k))).toEqual([]);
  });
});
