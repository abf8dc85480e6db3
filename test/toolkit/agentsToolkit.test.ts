import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Microsoft's own checks, offline: the Agents Toolkit CLI (`atk`, installed by .ci/run into
 * tools/.atk with --ignore-scripts) validates and packages appPackage for each environment,
 * and the project files are checked against the YAML schema that CLI bundles. Run by
 * `.ci/run` through jest.toolkit.config.js (the CLI is ~500 packages, kept out of npm ci).
 */
const root = path.join(__dirname, '..', '..');
const cliPackage = path.join(root, 'tools', '.atk', 'node_modules', '@microsoft', 'm365agentstoolkit-cli');
const run = promisify(execFile);

// Values provision would write; the manifest has ${{TEAMS_APP_ID}}, ${{BOT_ID}}, ${{BOT_DOMAIN}}.
const provisioned = {
  TEAMS_APP_ID: '3f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  BOT_ID: '8f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  BOT_DOMAIN: 'ccbot.azurewebsites.net',
};

async function atk(args: string[]): Promise<{ code: number; output: string }> {
  const cli = path.join(cliPackage, 'cli.js');
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args, '--telemetry', 'false', '-i', 'false'], {
      cwd: root,
      env: { ...process.env, ...provisioned, NO_COLOR: '1' },
      timeout: 240_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('Microsoft 365 Agents Toolkit CLI (offline)', () => {
  jest.setTimeout(300_000);
  let out: string;
  beforeAll(() => {
    if (!existsSync(cliPackage))
      throw new Error(
        'Install the CLI first: npm i --prefix tools/.atk --ignore-scripts @microsoft/m365agentstoolkit-cli',
      );
    out = mkdtempSync(path.join(tmpdir(), 'atk-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(['dev', 'local'])('validates appPackage for env %s (schema and validation rules)', async (env) => {
    const { code, output } = await atk(['validate', '--env', env]);
    expect(output).toMatch(/checked manifest\(s\) with the corresponding schema[\s\S]*All passed/);
    expect(output).toMatch(/against validation rules\. All passed/);
    expect(code).toBe(0);
  });

  it.each(['dev', 'local'])('packages appPackage for env %s', async (env) => {
    const zip = path.join(out, `appPackage.${env}.zip`);
    const { code, output } = await atk(['package', '--env', env, '--output-package-file', zip, '--output-folder', out]);
    expect(output).toContain('built successfully');
    expect(code).toBe(0);
    expect(readFileSync(zip).subarray(0, 2).toString()).toBe('PK');
    const manifest = JSON.parse(readFileSync(path.join(out, `manifest.${env}.json`), 'utf8')) as {
      id: string;
      bots: Array<{ botId: string }>;
    };
    expect(manifest.id).toBe(provisioned.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(provisioned.BOT_ID);
  });

  it('fails a manifest that breaks the schema', async () => {
    const broken = path.join(out, 'broken');
    const manifest = JSON.parse(readFileSync(path.join(root, 'appPackage', 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'manifest.json'), JSON.stringify({ ...manifest, accentColor: 42 }));
    const { code, output } = await atk([
      'validate',
      '--env',
      'dev',
      '--manifest-file',
      path.join(broken, 'manifest.json'),
    ]);
    expect(output).toMatch(/accentColor/);
    expect(code).not.toBe(0);
  });
});

describe('teamsapp.yml and teamsapp.local.yml against the CLI-bundled YAML schema', () => {
  const cliRequire = (): NodeJS.Require => createRequire(path.join(cliPackage, 'package.json'));
  type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
  const validatorFor = (version: string): Validate => {
    const req = cliRequire();
    const Ajv = (req('ajv') as { default: new (o: object) => { compile(s: object): Validate } }).default;
    const schemaFile = path.join(cliPackage, 'resource', 'yaml-schema', version, 'yaml.schema.json');
    return new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  };
  const parseYaml = (text: string): unknown => (cliRequire()('js-yaml') as { load(t: string): unknown }).load(text);

  it.each(['teamsapp.yml', 'teamsapp.local.yml'])('%s is valid for the version it declares', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    const doc = parseYaml(text) as { version: string };
    expect(text).toContain(`$schema=https://aka.ms/teams-toolkit/${doc.version}/yaml.schema.json`);
    const validate = validatorFor(doc.version);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema rejects an unknown action option (the check can fail)', () => {
    const doc = parseYaml(readFileSync(path.join(root, 'teamsapp.yml'), 'utf8')) as {
      version: string;
      provision: Array<Record<string, unknown>>;
    };
    doc.provision[0] = { ...doc.provision[0], with: { name: 'x', signInAudience: 'AzureADMyOrg' } };
    expect(validatorFor(doc.version)(doc)).toBe(false);
  });
});
