import { createFakeClock } from '../../../src/time/clock';
import { CheckTimeoutError, MalformedResponseError, ServiceHttpError } from '../../../src/consent/errors';
import { createTenantResolver, tenantIdFromIssuer } from '../../../src/consent/tenantResolver';
import { withDeadline } from '../../../src/consent/timing';
import { sleep } from '../../../src/time/sleep';

const TENANT = '2f4a9c1e-6b3d-4e8f-a5c7-1d9e0b2f6a4c';

describe('withDeadline and sleep', () => {
  test('the deadline is read on the injected clock', async () => {
    const clock = createFakeClock('2030-01-01T00:00:00Z');
    const deadline = clock.now().getTime() + 20;
    await expect(withDeadline(Promise.resolve('done'), deadline, 'graph', 20, clock)).resolves.toBe('done');
    clock.advance(21);
    await expect(withDeadline(Promise.resolve('late'), deadline, 'graph', 20, clock)).rejects.toMatchObject({
      name: 'CheckTimeoutError',
      stage: 'graph',
    });
  });
  test('a promise that never settles times out with the stage named', async () => {
    await expect(withDeadline(new Promise<never>(() => undefined), Date.now() + 20, 'token', 20)).rejects.toMatchObject(
      { name: 'CheckTimeoutError', stage: 'token' },
    );
  });
  test('an already passed deadline rejects at once', async () => {
    await expect(withDeadline(Promise.resolve(1), Date.now() - 1, 'graph', 5)).rejects.toBeInstanceOf(
      CheckTimeoutError,
    );
  });
  test('a value in time is returned', async () => {
    await expect(withDeadline(Promise.resolve(42), Date.now() + 1000, 'graph', 1000)).resolves.toBe(42);
  });
  test('sleep stops when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('tenantResolver', () => {
  function fakeFetch(answers: Record<string, { status: number; body: string }>) {
    const calls: string[] = [];
    const impl = async (url: string | URL | Request): Promise<Response> => {
      const key = String(url);
      calls.push(key);
      const answer = Object.entries(answers).find(([part]) => key.includes(part))?.[1] ?? { status: 500, body: 'x' };
      return new Response(answer.body, { status: answer.status });
    };
    return { calls, fetch: impl as typeof fetch };
  }

  test('tenantIdFromIssuer', () => {
    expect(tenantIdFromIssuer(`https://login.microsoftonline.com/${TENANT.toUpperCase()}/v2.0`)).toBe(TENANT);
    expect(tenantIdFromIssuer(`https://sts.windows.net/${TENANT}/`)).toBe(TENANT);
    expect(tenantIdFromIssuer('https://login.microsoftonline.com/{tenantid}/v2.0')).toBeUndefined();
  });

  test('a GUID needs no request; a domain is resolved once and cached', async () => {
    const fake = fakeFetch({
      'contoso.onmicrosoft.com': {
        status: 200,
        body: JSON.stringify({ issuer: `https://login.example/${TENANT}/v2.0` }),
      },
    });
    const resolver = createTenantResolver({ authorityHost: 'https://login.example/', fetch: fake.fetch });
    await expect(resolver.resolve(TENANT.toUpperCase())).resolves.toBe(TENANT);
    expect(fake.calls).toEqual([]);
    await expect(resolver.resolve('contoso.onmicrosoft.com')).resolves.toBe(TENANT);
    await expect(resolver.resolve('Contoso.onmicrosoft.com')).resolves.toBe(TENANT);
    expect(fake.calls).toEqual(['https://login.example/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration']);
  });

  test('the cache expires', async () => {
    const clock = createFakeClock(0);
    const fake = fakeFetch({ 'a.com': { status: 200, body: JSON.stringify({ issuer: `https://l/${TENANT}/v2.0` }) } });
    const resolver = createTenantResolver({
      authorityHost: 'https://l',
      fetch: fake.fetch,
      cacheTtlMs: 10,
      clock,
    });
    await resolver.resolve('a.com');
    clock.advance(11);
    await resolver.resolve('a.com');
    expect(fake.calls).toHaveLength(2);
  });

  test('unknown tenant: the AADSTS description is kept for explain()', async () => {
    const fake = fakeFetch({
      'nope.com': {
        status: 400,
        body: JSON.stringify({
          error: 'invalid_tenant',
          error_description: "AADSTS90002: Tenant 'nope.com' not found.",
        }),
      },
    });
    const error = await createTenantResolver({ authorityHost: 'https://l', fetch: fake.fetch })
      .resolve('nope.com')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceHttpError);
    expect((error as ServiceHttpError).details.description).toContain('AADSTS90002');
  });

  test('non-JSON and issuer-less answers are malformed', async () => {
    const fake = fakeFetch({
      'html.com': { status: 200, body: '<html>' },
      'noissuer.com': { status: 200, body: '{}' },
      'down.com': { status: 502, body: 'bad gateway' },
    });
    const resolver = createTenantResolver({ authorityHost: 'https://l', fetch: fake.fetch });
    await expect(resolver.resolve('html.com')).rejects.toBeInstanceOf(MalformedResponseError);
    await expect(resolver.resolve('noissuer.com')).rejects.toBeInstanceOf(MalformedResponseError);
    await expect(resolver.resolve('down.com')).rejects.toMatchObject({ status: 502 });
  });
});
