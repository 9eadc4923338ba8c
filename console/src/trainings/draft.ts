/** A training as its forms edit it, read from and sent to the API, and checked before it is sent. */
import type { components } from '../api/training-service';
import type { Offset, SessionSelection } from './words';
import { inputOf, instantOf } from './zone';

export type Training = components['schemas']['TrainingResponse'];
export type Session = components['schemas']['SessionResponse'];

export interface Draft {
  title: string;
  description: string;
  timeZone: string;
  sessionSelection: SessionSelection;
  published: boolean;
  participantListLocked: boolean;
  notifySupervisors: boolean;
  stopRegistrationBefore: Offset | null;
  stopCancellationBefore: Offset | null;
}

/** A training's fields as a form starts with them (the API's defaults for a new one). */
export function draftOf(training: Training | undefined, zone: string): Draft {
  return {
    title: training?.title ?? '',
    description: training?.description ?? '',
    timeZone: training?.timeZone ?? zone,
    sessionSelection: training?.sessionSelection ?? 'LEARNER',
    published: training?.published ?? true,
    participantListLocked: training?.participantListLocked ?? false,
    notifySupervisors: training?.notifySupervisors ?? true,
    stopRegistrationBefore: training?.stopRegistrationBefore ?? null,
    stopCancellationBefore: training?.stopCancellationBefore ?? null,
  };
}

export type DraftErrors = Partial<Record<'title' | 'timeZone' | 'stopRegistrationBefore' | 'stopCancellationBefore', string>>;

function offsetError(offset: Offset | null): string | undefined {
  if (offset === null) return undefined;
  return Number.isInteger(offset.amount) && offset.amount >= 0 && offset.amount <= 1000
    ? undefined : 'A whole number from 0 to 1,000';
}

/** What is wrong with a draft before the service is asked (the service checks again). */
export function draftErrors(draft: Draft): DraftErrors {
  const errors: DraftErrors = {};
  if (!draft.title.trim()) errors.title = 'A training needs a title';
  else if (draft.title.length > 200) errors.title = 'At most 200 characters';
  if (!draft.timeZone) errors.timeZone = 'Pick the time zone of its sessions';
  const registration = offsetError(draft.stopRegistrationBefore);
  if (registration) errors.stopRegistrationBefore = registration;
  const cancellation = offsetError(draft.stopCancellationBefore);
  if (cancellation) errors.stopCancellationBefore = cancellation;
  return errors;
}

/** A session as its form edits it: wall-clock times in the training's time zone ("yyyy-MM-ddTHH:mm"). */
export interface SessionDraft {
  startsAt: string;
  endsAt: string;
  location: string;
  capacity: number | '';
}

export function sessionDraftOf(session: Session | undefined): SessionDraft {
  return {
    startsAt: inputOf(session?.localStartsAt),
    endsAt: inputOf(session?.localEndsAt),
    location: session?.location ?? '',
    capacity: session?.capacity ?? '',
  };
}

export type SessionErrors = Partial<Record<keyof SessionDraft, string>>;

/** What is wrong with a session before the service is asked. */
export function sessionErrors(draft: SessionDraft, zone: string): SessionErrors {
  const errors: SessionErrors = {};
  const starts = instantOf(draft.startsAt, zone);
  const ends = instantOf(draft.endsAt, zone);
  if (!starts) errors.startsAt = 'Enter the date and time it starts';
  if (!ends) errors.endsAt = 'Enter the date and time it ends';
  else if (starts && Date.parse(ends) <= Date.parse(starts)) errors.endsAt = 'A session must end after it starts';
  if (draft.capacity === '' || !Number.isInteger(draft.capacity) || draft.capacity < 1 || draft.capacity > 100_000) {
    errors.capacity = 'A whole number of seats from 1 to 100,000';
  }
  if (draft.location.length > 500) errors.location = 'At most 500 characters';
  return errors;
}

/** The request the service takes: instants in UTC for the wall-clock times in the training's zone. */
export function sessionBody(draft: SessionDraft, zone: string) {
  return {
    startsAt: instantOf(draft.startsAt, zone) ?? undefined,
    endsAt: instantOf(draft.endsAt, zone) ?? undefined,
    location: draft.location.trim(),
    capacity: draft.capacity === '' ? undefined : draft.capacity,
  };
}
