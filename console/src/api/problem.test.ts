import { describe, expect, it } from 'vitest';
import { namedFields, problemOf, problemWords } from './problem';

describe('problem words', () => {
  it('read the detail with each invalid field after it', () => {
    expect(problemWords({
      title: 'The request has invalid fields', status: 400, detail: 'The request has invalid fields',
      errors: [{ field: 'login', message: 'must not be blank' }, { field: 'email', message: 'must be an email' }],
    })).toBe('The request has invalid fields (login: must not be blank; email: must be an email)');
  });

  it('take the title where there is no detail', () => {
    expect(problemWords({ title: 'Account deactivated', status: 401 })).toBe('Account deactivated');
  });

  it('come from the status when the answer is not a problem document', async () => {
    const problem = await problemOf(new Response('<html>bad gateway</html>', {
      status: 502, headers: { 'Content-Type': 'text/html' },
    }));
    expect(problem.status).toBe(502);
    expect(problemWords(problem)).toBe('Roster could not answer just now. Try again in a moment.');
  });

  it('are read from an application/problem+json body', async () => {
    const problem = await problemOf(new Response(JSON.stringify({
      type: 'https://roster.dev/problems/sign-in-refused', title: 'Sign-in refused', status: 401,
      detail: 'The password is wrong or the user does not exist',
    }), { status: 401, headers: { 'Content-Type': 'application/problem+json' } }));
    expect(problemWords(problem)).toBe('The password is wrong or the user does not exist');
  });
});

describe('the fields a refusal names', () => {
  it('reads "field" or "fields", and nothing else', () => {
    expect(namedFields({ field: 'timeZone' })).toEqual(['timeZone']);
    expect(namedFields({ fields: ['startsAt', 3, 'endsAt'] })).toEqual(['startsAt', 'endsAt']);
    expect(namedFields({})).toBeUndefined();
  });
});
