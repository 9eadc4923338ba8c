/** A training's participants as the list reads them. */
import type { components } from '../api/training-service';
import type { EnrollmentStatus } from './words';

export type Participant = components['schemas']['ParticipantResponse'];

export function participantName(participant: Participant): string {
  return `${participant.firstName ?? ''} ${participant.lastName ?? ''}`.trim() || participant.email || participant.userId || '';
}

/** The list's views: who holds a place now (the default), one of its parts, or the history of those who left. */
export const VIEWS: Record<string, { label: string; statuses: EnrollmentStatus[] }> = {
  open: { label: 'Enrolled and waitlist', statuses: ['ENROLLED', 'WAITLISTED'] },
  enrolled: { label: 'Enrolled', statuses: ['ENROLLED'] },
  waitlist: { label: 'Waitlist', statuses: ['WAITLISTED'] },
  ended: { label: 'Left (history)', statuses: ['UNENROLLED', 'REMOVED', 'DROPPED'] },
};

/** Whether attendance can be marked for a participant now: seated in a session that has started. */
export function attendanceMarkable(participant: Participant, sessionStartsAt: string | undefined, now = Date.now()): boolean {
  return participant.status === 'ENROLLED' && !!participant.sessionId && !!sessionStartsAt
    && Date.parse(sessionStartsAt) <= now;
}
