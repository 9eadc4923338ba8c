import { describe, expect, it } from 'vitest';
import { WrittenEvents } from './consistency';

const A = '0b6c4a2e-1111-4a4a-8a8a-0000000000a1';
const B = '0b6c4a2e-1111-4a4a-8a8a-0000000000b2';
const C = '0b6c4a2e-1111-4a4a-8a8a-0000000000c3';

describe('read your own writes', () => {
  it('sends back the events of every recent write, merged per topic', () => {
    let now = 1_000;
    const written = new WrittenEvents(() => now);
    expect(written.header()).toBeUndefined();
    written.remember(`roster.users.v1=${A}`);
    now += 500;
    written.remember(`roster.enrollments.v1=${B};roster.users.v1=${C}`);
    expect(written.header()).toBe(`roster.enrollments.v1=${B};roster.users.v1=${A}.${C}`);
  });

  it('forgets a write after a minute, and the same event is kept once', () => {
    let now = 0;
    const written = new WrittenEvents(() => now);
    written.remember(`roster.users.v1=${A}`);
    now = 30_000;
    written.remember(`roster.users.v1=${B}.${A}`);
    now = 70_000;
    expect(written.header()).toBe(`roster.users.v1=${B}.${A}`);
    now = 100_000;
    expect(written.header()).toBeUndefined();
  });

  it('ignores what is not a token and stays within the service\'s limits', () => {
    const written = new WrittenEvents(() => 0);
    written.remember('nonsense;Bad Topic=x;roster.users.v1=not-a-uuid');
    expect(written.header()).toBeUndefined();
    for (let i = 0; i < 100; i++) {
      written.remember(`roster.users.v1=0b6c4a2e-1111-4a4a-8a8a-${i.toString(16).padStart(12, '0')}`);
    }
    const header = written.header()!;
    expect(header.split('.').length - 2).toBeLessThanOrEqual(64);
    expect(header.length).toBeLessThanOrEqual(2_048);
    expect(header).toContain('0000000063');
  });
});
