/** The words a person reads for training-service's codes and figures. */
import type { components } from '../api/training-service';
import { plural } from '../users/words';

type Schemas = components['schemas'];
export type Offset = Schemas['RegistrationOffset'];
export type OffsetUnit = Offset['unit'];
export type TrainingStatus = NonNullable<Schemas['TrainingResponse']['status']>;
export type SessionSelection = NonNullable<Schemas['TrainingResponse']['sessionSelection']>;
export type EnrollmentStatus = NonNullable<Schemas['ParticipantResponse']['status']>;
export type Attendance = NonNullable<Schemas['ParticipantResponse']['attendance']>;
export type AssignmentStatus = NonNullable<Schemas['AssignmentResponse']['status']>;

export const TRAINING_STATUS_WORDS: Record<TrainingStatus, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  AWAITING_ATTENDANCE: 'Awaiting attendance',
  COMPLETED: 'Completed',
};

export const SESSION_SELECTION_WORDS: Record<SessionSelection, string> = {
  LEARNER: 'Learners choose their session',
  PRESET: 'Administrators assign the sessions',
};

export const UNIT_WORDS: Record<OffsetUnit, { one: string; many: string }> = {
  HOURS: { one: 'hour', many: 'hours' },
  DAYS: { one: 'day', many: 'days' },
  WEEKS: { one: 'week', many: 'weeks' },
  MONTHS: { one: 'month', many: 'months' },
};

export const ENROLLMENT_STATUS_WORDS: Record<EnrollmentStatus, string> = {
  ENROLLED: 'Enrolled',
  WAITLISTED: 'On the waitlist',
  UNENROLLED: 'Unenrolled',
  REMOVED: 'Removed',
  DROPPED: 'Dropped',
};

export const ATTENDANCE_WORDS: Record<Attendance, string> = {
  ATTENDED: 'Attended',
  ABSENT: 'Not attended',
};

export const ASSIGNMENT_STATUS_WORDS: Record<AssignmentStatus, string> = {
  ASSIGNED: 'Not started',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  DROPPED: 'Dropped',
};

/** "2 days before", or "At the start" for an offset of nothing. */
export function offsetWords(offset: Offset): string {
  if (offset.amount === 0) return 'At the start';
  const unit = UNIT_WORDS[offset.unit];
  return `${plural(offset.amount, unit.one, unit.many)} before`;
}

/** The offset's words before a moment ("2 days before "), nothing for an offset of nothing. */
function ahead(offset: Offset | null | undefined): string {
  return offset && offset.amount > 0 ? `${offsetWords(offset)} ` : '';
}

/** The stop-registration restriction in a sentence. */
export function registrationWords(offset: Offset | null | undefined): string {
  return `Registration for a session closes ${ahead(offset) || 'when '}it starts.`;
}

/** The stop-cancellations restriction in a sentence. */
export function cancellationWords(offset: Offset | null | undefined): string {
  return `Learners can cancel or switch sessions until ${ahead(offset)}their session starts.`;
}

/** A session's seats as figures a person reads at a glance. */
export interface Seats {
  capacity?: number;
  enrolled?: number;
  seatsLeft?: number;
  waitlisted?: number;
}

export function seatWords(seats: Seats): string {
  const capacity = seats.capacity ?? 0;
  const taken = seats.enrolled ?? 0;
  const free = seats.seatsLeft ?? Math.max(0, capacity - taken);
  const waiting = seats.waitlisted ?? 0;
  const parts = [`${taken} of ${plural(capacity, 'seat')} taken`, `${free} free`];
  if (waiting > 0) parts.push(`${waiting} on the waitlist`);
  return parts.join(', ');
}

/** A participant's place: enrolled, or on the waitlist with the place in line. */
export function participantStatusWords(status: EnrollmentStatus | undefined, position: number | undefined): string {
  if (status === 'WAITLISTED') {
    return position ? `On the waitlist, ${ordinal(position)} in line` : ENROLLMENT_STATUS_WORDS.WAITLISTED;
  }
  return status ? ENROLLMENT_STATUS_WORDS[status] : '';
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Why a user was not enrolled into a training or assigned a course or program. */
export const SKIP_REASON_WORDS: Record<string, string> = {
  NOT_FOUND: 'Not a user of this account',
  NOT_ACTIVE: 'Only active users can take part',
  ALREADY_ENROLLED: 'Already a participant of this training',
  ALREADY_ASSIGNED: 'Already assigned',
};

export function skipReasonWords(reason: string | undefined): string {
  return reason ? SKIP_REASON_WORDS[reason] ?? reason : 'Skipped';
}

/** One line per user of what a bulk enrollment or assignment did. */
export interface UserOutcome {
  userId: string;
  done: boolean;
  words: string;
}

/** A bulk answer (enrollment or assignment) as one line per user, in the order they were asked for. */
export function userOutcomes(asked: string[], answer: {
  applied?: string[];
  waitlisted?: string[];
  skipped?: Array<{ userId?: string; reason?: string }>;
}, appliedWords: string): UserOutcome[] {
  const applied = new Set(answer.applied ?? []);
  const waitlisted = new Set(answer.waitlisted ?? []);
  const skipped = new Map((answer.skipped ?? []).map((skip) => [skip.userId ?? '', skip.reason]));
  return asked.map((userId) => {
    if (waitlisted.has(userId)) {
      return { userId, done: true, words: 'On the waitlist: the session is full' };
    }
    if (applied.has(userId)) {
      return { userId, done: true, words: appliedWords };
    }
    return { userId, done: false, words: `Skipped: ${skipReasonWords(skipped.get(userId))}` };
  });
}

/** Why the system dropped an enrollment or an assignment. */
export const DROP_REASON_WORDS: Record<string, string> = {
  EMPLOYMENT_ENDED: 'Employment ended',
};

export function dropReasonWords(reason: string | undefined): string {
  return reason ? DROP_REASON_WORDS[reason] ?? reason : '';
}
