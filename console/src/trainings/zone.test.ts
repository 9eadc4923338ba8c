import { describe, expect, it } from 'vitest';
import { formatInstant, formatLocal, formatSpan, inputOf, instantOf } from './zone';

describe('wall-clock times in a training\'s time zone', () => {
  it('turns a time in the zone into the instant the API takes, winter and summer', () => {
    expect(instantOf('2026-12-16T09:00', 'Europe/Berlin')).toBe('2026-12-16T08:00:00.000Z');
    expect(instantOf('2026-07-01T09:00', 'Europe/Berlin')).toBe('2026-07-01T07:00:00.000Z');
    expect(instantOf('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z');
    expect(instantOf('2026-07-01T09:00', 'UTC')).toBe('2026-07-01T09:00:00.000Z');
  });

  it('counts the hours right on the day the clocks change', () => {
    // Berlin moves from UTC+1 to UTC+2 at 02:00 on 29 March 2026
    expect(instantOf('2026-03-29T01:30', 'Europe/Berlin')).toBe('2026-03-29T00:30:00.000Z');
    expect(instantOf('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is not a date and a time', () => {
    expect(instantOf('', 'UTC')).toBeNull();
    expect(instantOf('2026-12-16', 'UTC')).toBeNull();
  });

  it('fills a date-time input from the API\'s wall-clock time', () => {
    expect(inputOf('2026-12-16T09:00:00')).toBe('2026-12-16T09:00');
    expect(inputOf(undefined)).toBe('');
  });

  it('shows a session on one day with its end time only, across days in full', () => {
    expect(formatLocal('2026-12-16T09:00:00')).toBe('Wed, Dec 16, 2026, 09:00');
    expect(formatSpan('2026-12-16T09:00:00', '2026-12-16T17:00:00')).toBe('Wed, Dec 16, 2026, 09:00–17:00');
    expect(formatSpan('2026-12-16T09:00:00', '2026-12-17T12:00:00'))
      .toBe('Wed, Dec 16, 2026, 09:00 – Thu, Dec 17, 2026, 12:00');
  });

  it('shows a deadline (an instant) in the training\'s zone', () => {
    expect(formatInstant('2026-12-15T08:00:00Z', 'Europe/Berlin')).toBe('Tue, Dec 15, 2026, 09:00');
  });
});
