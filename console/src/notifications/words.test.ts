import { describe, expect, it } from 'vitest';
import { bellLabel, formatTime } from './words';

describe('notification words', () => {
  it('names the bell with the unread count, or alone while it is not known', () => {
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(bellLabel(0)).toBe('Notifications, 0 unread');
    expect(bellLabel(1200)).toBe('Notifications, 1,200 unread');
    expect(bellLabel(undefined)).toBe('Notifications');
  });

  it('says when a notice came, to the minute', () => {
    expect(formatTime('2026-12-07T17:32:28Z')).toMatch(/^Dec 7, 2026, \d\d:32$/);
    expect(formatTime(undefined)).toBe('');
  });
});
