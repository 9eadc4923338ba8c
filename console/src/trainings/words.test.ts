import { describe, expect, it } from 'vitest';
import { cancellationWords, offsetWords, ordinal, participantStatusWords, registrationWords, seatWords, skipReasonWords,
  userOutcomes } from './words';

describe('registration restrictions in words', () => {
  it('says the offset with its unit, singular or plural', () => {
    expect(offsetWords({ amount: 1, unit: 'DAYS' })).toBe('1 day before');
    expect(offsetWords({ amount: 24, unit: 'HOURS' })).toBe('24 hours before');
    expect(offsetWords({ amount: 2, unit: 'WEEKS' })).toBe('2 weeks before');
    expect(offsetWords({ amount: 1, unit: 'MONTHS' })).toBe('1 month before');
  });

  it('speaks of an offset of nothing as the start itself', () => {
    expect(offsetWords({ amount: 0, unit: 'HOURS' })).toBe('At the start');
    expect(registrationWords({ amount: 0, unit: 'DAYS' })).toBe('Registration for a session closes when it starts.');
  });

  it('says when registration and cancellations close, set or not', () => {
    expect(registrationWords({ amount: 2, unit: 'DAYS' })).toBe('Registration for a session closes 2 days before it starts.');
    expect(registrationWords(null)).toBe('Registration for a session closes when it starts.');
    expect(cancellationWords({ amount: 24, unit: 'HOURS' }))
      .toBe('Learners can cancel or switch sessions until 24 hours before their session starts.');
    expect(cancellationWords(undefined)).toBe('Learners can cancel or switch sessions until their session starts.');
  });
});

describe('seat figures', () => {
  it('says taken of capacity, free, and the waitlist only when someone waits', () => {
    expect(seatWords({ capacity: 1, enrolled: 1, seatsLeft: 0, waitlisted: 1 }))
      .toBe('1 of 1 seat taken, 0 free, 1 on the waitlist');
    expect(seatWords({ capacity: 10, enrolled: 3, seatsLeft: 7, waitlisted: 0 })).toBe('3 of 10 seats taken, 7 free');
  });

  it('works the free seats out when the answer left them out', () => {
    expect(seatWords({ capacity: 12, enrolled: 2 })).toBe('2 of 12 seats taken, 10 free');
  });
});

describe('a participant\'s place', () => {
  it('gives the waitlist position as an ordinal', () => {
    expect(participantStatusWords('WAITLISTED', 1)).toBe('On the waitlist, 1st in line');
    expect(participantStatusWords('WAITLISTED', 0)).toBe('On the waitlist');
    expect(participantStatusWords('ENROLLED', 0)).toBe('Enrolled');
    expect(participantStatusWords('REMOVED', 0)).toBe('Removed');
  });

  it('writes ordinals the English way, teens included', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal))
      .toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });
});

describe('the per-user outcome', () => {
  it('gives each user asked for one line, in the order asked: enrolled, waitlisted or skipped with the reason', () => {
    const outcome = userOutcomes(['u-1', 'u-2', 'u-3', 'u-4'], {
      applied: ['u-1', 'u-2'],
      waitlisted: ['u-2'],
      skipped: [{ userId: 'u-3', reason: 'ALREADY_ENROLLED' }, { userId: 'u-4', reason: 'NOT_ACTIVE' }],
    }, 'Enrolled');
    expect(outcome).toEqual([
      { userId: 'u-1', done: true, words: 'Enrolled' },
      { userId: 'u-2', done: true, words: 'On the waitlist: the session is full' },
      { userId: 'u-3', done: false, words: 'Skipped: Already a participant of this training' },
      { userId: 'u-4', done: false, words: 'Skipped: Only active users can take part' },
    ]);
  });

  it('reads an assignment answer (no waitlist) the same way', () => {
    const outcome = userOutcomes(['u-1', 'u-2'], { applied: ['u-1'], skipped: [{ userId: 'u-2', reason: 'ALREADY_ASSIGNED' }] },
      'Assigned');
    expect(outcome.map((line) => line.words)).toEqual(['Assigned', 'Skipped: Already assigned']);
  });

  it('shows a reason it does not know as the service gave it', () => {
    expect(skipReasonWords('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(skipReasonWords('NOT_FOUND')).toBe('Not a user of this account');
  });
});
