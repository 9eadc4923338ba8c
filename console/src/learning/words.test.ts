import { describe, expect, it } from 'vitest';
import { progressProblem } from './ProgressForm';
import { actionsOf, endReasonWords, enrollmentWords, noChangeWords, seatsWords, sessionWhen, switchChoices,
  type Session } from './words';

const BERLIN: Session = {
  id: 's-1', localStartsAt: '2026-12-14T09:00:00', localEndsAt: '2026-12-14T17:00:00', location: 'Berlin, Room Spree',
  capacity: 10, seatsLeft: 9, waitlisted: 0,
};
const ONLINE: Session = { ...BERLIN, id: 's-2', location: 'Online', localStartsAt: '2026-12-28T09:00:00',
  localEndsAt: '2026-12-29T17:00:00', capacity: 12, seatsLeft: 12 };
const FULL: Session = { ...BERLIN, id: 's-3', location: 'Munich', capacity: 2, seatsLeft: 0, waitlisted: 3 };

describe('enrollment words', () => {
  it('says where an enrollment stands, with the place on the waitlist', () => {
    expect(enrollmentWords({ status: 'ENROLLED' })).toBe('Enrolled');
    expect(enrollmentWords({ status: 'WAITLISTED', waitlistPosition: 2 })).toBe('On the waitlist (place 2)');
    expect(enrollmentWords({ status: 'WAITLISTED', waitlistPosition: 0 })).toBe('On the waitlist');
    expect(enrollmentWords({ status: 'UNENROLLED' })).toBe('Unenrolled');
    expect(enrollmentWords({ status: 'REMOVED' })).toBe('Removed by an administrator');
  });

  it('says seats left, or full with the waitlist', () => {
    expect(seatsWords(BERLIN)).toBe('9 of 10 seats left');
    expect(seatsWords({ capacity: 1, seatsLeft: 1 })).toBe('1 of 1 seat left');
    expect(seatsWords(FULL)).toBe('Full, 3 waiting');
  });

  it('says when a session is, in the training\'s own time zone', () => {
    expect(sessionWhen(BERLIN, 'Europe/Berlin')).toBe('Mon, Dec 14, 2026, 09:00–17:00 (Europe/Berlin)');
    expect(sessionWhen(ONLINE)).toBe('Mon, Dec 28, 2026, 09:00 – Tue, Dec 29, 2026, 17:00');
  });
});

describe('actionsOf', () => {
  it('offers exactly the actions the service allows, switching first', () => {
    expect(actionsOf({ status: 'ENROLLED', sessionId: 's-1', allowedActions: ['UNENROLL', 'SWITCH_SESSION'] }))
      .toEqual([{ action: 'SWITCH_SESSION', label: 'Select another training time' }, { action: 'UNENROLL', label: 'Unenroll' }]);
    expect(actionsOf({ status: 'WAITLISTED', sessionId: 's-1', allowedActions: ['UNENROLL'] }))
      .toEqual([{ action: 'UNENROLL', label: 'Unenroll' }]);
    expect(actionsOf({ status: 'ENROLLED', sessionId: 's-1', allowedActions: [] })).toEqual([]);
  });

  it('asks for a first session when there is none yet', () => {
    expect(actionsOf({ status: 'ENROLLED', allowedActions: ['SWITCH_SESSION'] }))
      .toEqual([{ action: 'SWITCH_SESSION', label: 'Select a training time' }]);
  });

  it('offers nothing on an ended enrollment', () => {
    expect(actionsOf({ status: 'UNENROLLED', sessionId: 's-1', allowedActions: ['UNENROLL'] })).toEqual([]);
  });
});

describe('switchChoices', () => {
  it('lists the other open sessions with their seats; a full one cannot take a learner who holds a seat', () => {
    const choices = switchChoices({ status: 'ENROLLED', sessionId: 's-1', availableSessions: [BERLIN, ONLINE, FULL] });
    expect(choices.map((choice) => [choice.session.id, choice.disabled, choice.note])).toEqual([
      ['s-2', false, '12 of 12 seats left'],
      ['s-3', true, 'Full'],
    ]);
  });

  it('lets a learner without a seat join a full session\'s waitlist', () => {
    const choices = switchChoices({ status: 'WAITLISTED', sessionId: 's-1', availableSessions: [FULL] });
    expect(choices.map((choice) => [choice.disabled, choice.note])).toEqual([[false, 'Full: you join its waitlist']]);
  });
});

describe('progressProblem', () => {
  it('takes a whole percent above the present progress, up to 100', () => {
    expect(progressProblem(40, 30)).toBeNull();
    expect(progressProblem(100, 30)).toBeNull();
    expect(progressProblem(30, 30)).toBe('Progress never goes back: enter more than 30%.');
    expect(progressProblem(120, 30)).toBe('At most 100%.');
    expect(progressProblem('', 30)).toBe('Enter a whole percent.');
  });
});

describe('why an enrollment cannot be changed, and why it ended', () => {
  it('names the training rule that stops the learner', () => {
    expect(noChangeWords({ participantListLocked: true, sessionSelection: 'LEARNER' })).toMatch(/locked/);
    expect(noChangeWords({ participantListLocked: false, sessionSelection: 'PRESET' })).toMatch(/assigns the sessions/);
    expect(noChangeWords({ participantListLocked: false, sessionSelection: 'LEARNER' })).toMatch(/an administrator can/);
  });

  it('says why the system dropped an enrollment', () => {
    expect(endReasonWords('EMPLOYMENT_ENDED')).toBe('your employment ended');
    expect(endReasonWords('SOMETHING_NEW')).toBe('something new');
    expect(endReasonWords(null)).toBeUndefined();
  });
});
