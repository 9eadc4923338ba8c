import { describe, expect, it } from 'vitest';
import { decodeClaims } from './session';

function token(payload: object): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'RS256' })}.${encode(payload)}.signature`;
}

describe('decodeClaims', () => {
  it('reads who is signed in and what they may do from the access token', () => {
    const claims = decodeClaims(token({ sub: 'u-1', acct: 'a-1', permissions: ['USERS_VIEW', 'USERS_MANAGE'], exp: 99 }));
    expect(claims).toEqual({ sub: 'u-1', acct: 'a-1', permissions: ['USERS_VIEW', 'USERS_MANAGE'], exp: 99 });
  });

  it('reads base64url payloads whose length needs padding, with characters outside ASCII escaped', () => {
    const claims = decodeClaims(token({ sub: 'ü?>', acct: 'x', exp: 1 }));
    expect(claims.permissions).toEqual([]);
    expect(claims.acct).toBe('x');
  });
});
