/** An unsigned JWT with the given payload, shaped like Entra ID's (for decoding tests only). */
export function fakeJwt(payload: Record<string, unknown>): string {
  const part = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(payload)}.c2lnbmF0dXJl`;
}
