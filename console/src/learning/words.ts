/** The words a learner reads for the training service's codes, and the choices an enrollment offers. */
import type { components } from '../api/training-service';

export type Session = components['schemas']['SessionResponse'];
export type MyTraining = components['schemas']['MyTrainingResponse'];
export type EnrollmentStatus = NonNullable<MyTraining['status']>;
export type TrainingStatus = NonNullable<MyTraining['trainingStatus']>;
export type LearnerAction = NonNullable<MyTraining['allowedActions']>[number];
export type EnrollmentWarning = NonNullable<MyTraining['warnings']>[number];
export type Assignment = components['schemas']['AssignmentResponse'];
export type AssignmentStatus = NonNullable<Assignment['status']>;

export const ENROLLMENT_WORDS: Record<EnrollmentStatus, string> = {
  ENROLLED: 'Enrolled',
  WAITLISTED: 'On the waitlist',
  UNENROLLED: 'Unenrolled',
  REMOVED: 'Removed by an administrator',
  DROPPED: 'Dropped',
};

/** An enrollment's state in words, with the place on the waitlist when there is one. */
export function enrollmentWords(item: Pick<MyTraining, 'status' | 'waitlistPosition'>): string {
  const status = item.status ?? 'ENROLLED';
  if (status === 'WAITLISTED' && item.waitlistPosition) {
    return `${ENROLLMENT_WORDS.WAITLISTED} (place ${item.waitlistPosition})`;
  }
  return ENROLLMENT_WORDS[status];
}

export function isOpen(status: EnrollmentStatus | undefined): boolean {
  return status === 'ENROLLED' || status === 'WAITLISTED';
}

export const TRAINING_STATUS_WORDS: Record<TrainingStatus, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  AWAITING_ATTENDANCE: 'Awaiting attendance',
  COMPLETED: 'Completed',
};

export const WARNING_WORDS: Record<EnrollmentWarning, string> = {
  RE_ENROLLMENT_IMPOSSIBLE: 'Registration for this training has closed: once you unenroll, you cannot enroll again.',
  SESSION_NOT_CHOSEN: 'You have no session yet: select a training time.',
  WAITLISTED: 'Every seat of your session is taken: you get one when a seat frees.',
};

export const ASSIGNMENT_WORDS: Record<AssignmentStatus, string> = {
  ASSIGNED: 'Not started',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  DROPPED: 'Dropped',
};

export const DROP_REASON_WORDS: Record<string, string> = {
  EMPLOYMENT_ENDED: 'your employment ended',
  SESSION_CANCELLED: 'the session was cancelled',
};

/** The buttons an enrollment offers, in order: exactly the actions the service allows now. */
export function actionsOf(item: Pick<MyTraining, 'status' | 'allowedActions' | 'sessionId'>):
    Array<{ action: LearnerAction; label: string }> {
  if (!isOpen(item.status)) return [];
  const allowed = new Set(item.allowedActions ?? []);
  const actions: Array<{ action: LearnerAction; label: string }> = [];
  if (allowed.has('SWITCH_SESSION')) {
    actions.push({ action: 'SWITCH_SESSION', label: item.sessionId ? 'Select another training time' : 'Select a training time' });
  }
  if (allowed.has('UNENROLL')) {
    actions.push({ action: 'UNENROLL', label: 'Unenroll' });
  }
  return actions;
}

/** A session the learner may move to; one they may not (full, and they hold a seat to lose) says why. */
export interface SwitchChoice {
  session: Session;
  disabled: boolean;
  note: string;
}

/**
 * The sessions "Select another training time" offers: those the service lists as open to the learner, their own left
 * out. A learner with a seat cannot move into a full session (the service refuses it); one without a seat yet joins
 * its waitlist.
 */
export function switchChoices(item: Pick<MyTraining, 'status' | 'sessionId' | 'availableSessions'>): SwitchChoice[] {
  const holdsSeat = item.status === 'ENROLLED' && Boolean(item.sessionId);
  return (item.availableSessions ?? [])
    .filter((session) => session.id !== item.sessionId)
    .map((session) => {
      const full = (session.seatsLeft ?? 0) <= 0;
      return {
        session,
        disabled: full && holdsSeat,
        note: !full ? seatsWords(session) : holdsSeat ? 'Full' : 'Full: you join its waitlist',
      };
    });
}

export function seatsWords(session: Pick<Session, 'seatsLeft' | 'capacity' | 'waitlisted'>): string {
  const left = session.seatsLeft ?? 0;
  if (left > 0) {
    return `${left} of ${plural(session.capacity ?? left, 'seat')} left`;
  }
  return session.waitlisted ? `Full, ${session.waitlisted} waiting` : 'Full';
}

const DAY = new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric',
  timeZone: 'UTC' });

/** A wall-clock time as the service gives it in the training's zone ("2026-12-14T09:00:00"), read as such. */
function wallClock(local: string): { day: string; time: string; date: string } {
  const [date, time = '00:00'] = local.split('T');
  const [year, month, dayOfMonth] = date.split('-').map(Number);
  return { day: DAY.format(new Date(Date.UTC(year, month - 1, dayOfMonth))), time: time.slice(0, 5), date };
}

/** When a session is, in the training's own time zone: "Mon, Dec 14, 2026, 09:00–17:00 (Europe/Berlin)". */
export function sessionWhen(session: Pick<Session, 'localStartsAt' | 'localEndsAt'>, timeZone?: string): string {
  if (!session.localStartsAt) return 'Date not set';
  const start = wallClock(session.localStartsAt);
  const end = session.localEndsAt ? wallClock(session.localEndsAt) : null;
  let when = `${start.day}, ${start.time}`;
  if (end) when += end.date === start.date ? `–${end.time}` : ` – ${end.day}, ${end.time}`;
  return timeZone ? `${when} (${timeZone})` : when;
}

/** An instant (a deadline) in the reader's own time zone, named. */
export function formatInstant(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en', { month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
}

export function formatDay(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString('en', { dateStyle: 'medium' });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}


/** Why a learner cannot change an enrollment themselves, from the training's rules (none: the deadlines say it). */
export function noChangeWords(item: Pick<MyTraining, 'participantListLocked' | 'sessionSelection'>): string {
  if (item.participantListLocked) return 'The participant list is locked: an administrator can still change it.';
  if (item.sessionSelection === 'PRESET') return 'An administrator assigns the sessions of this training.';
  return 'You cannot change this enrollment yourself now; an administrator can.';
}

// the reasons training-service gives (EnrollmentDropped in platform/events)
const END_REASON_WORDS: Record<string, string> = {
  EMPLOYMENT_ENDED: 'your employment ended',
  SESSION_CANCELLED: 'the session was cancelled',
};

/** Why the system dropped an enrollment, in words (a reason it does not know, as given). */
export function endReasonWords(reason: string | null | undefined): string | undefined {
  if (!reason) return undefined;
  return END_REASON_WORDS[reason] ?? reason.toLowerCase().replaceAll('_', ' ');
}
