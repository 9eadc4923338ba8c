import { describe, expect, it } from 'vitest';
import { draftErrors, draftOf, sessionBody, sessionErrors } from './draft';

describe('a training\'s form', () => {
  it('starts a new training with the service\'s defaults and the given time zone', () => {
    expect(draftOf(undefined, 'Europe/Berlin')).toEqual({
      title: '', description: '', timeZone: 'Europe/Berlin', sessionSelection: 'LEARNER', published: true,
      participantListLocked: false, notifySupervisors: true, stopRegistrationBefore: null, stopCancellationBefore: null,
    });
  });

  it('needs a title and offsets of 0 to 1,000 whole units', () => {
    const draft = draftOf(undefined, 'UTC');
    expect(draftErrors({ ...draft, title: '  ' }).title).toBe('A training needs a title');
    expect(draftErrors({ ...draft, title: 'Fire drill', stopRegistrationBefore: { amount: 1001, unit: 'DAYS' } }))
      .toEqual({ stopRegistrationBefore: 'A whole number from 0 to 1,000' });
    expect(draftErrors({ ...draft, title: 'Fire drill', stopCancellationBefore: { amount: Number.NaN, unit: 'HOURS' } }))
      .toEqual({ stopCancellationBefore: 'A whole number from 0 to 1,000' });
    expect(draftErrors({ ...draft, title: 'Fire drill', stopCancellationBefore: { amount: 0, unit: 'HOURS' } })).toEqual({});
  });
});

describe('a session\'s form', () => {
  const draft = { startsAt: '2026-12-16T09:00', endsAt: '2026-12-16T17:00', location: 'Canteen', capacity: 12 } as const;

  it('sends the times entered in the training\'s zone as instants', () => {
    expect(sessionBody(draft, 'Europe/Berlin')).toEqual({
      startsAt: '2026-12-16T08:00:00.000Z', endsAt: '2026-12-16T16:00:00.000Z', location: 'Canteen', capacity: 12,
    });
  });

  it('needs both times, an end after the start and 1 to 100,000 seats', () => {
    expect(sessionErrors(draft, 'UTC')).toEqual({});
    expect(sessionErrors({ ...draft, startsAt: '', capacity: '' }, 'UTC')).toEqual({
      startsAt: 'Enter the date and time it starts', capacity: 'A whole number of seats from 1 to 100,000',
    });
    expect(sessionErrors({ ...draft, endsAt: '2026-12-16T09:00' }, 'UTC').endsAt).toBe('A session must end after it starts');
    expect(sessionErrors({ ...draft, capacity: 0 }, 'UTC').capacity).toBeDefined();
  });
});
