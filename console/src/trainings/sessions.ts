/** A training's sessions as the screens order and name them. */
import type { Session } from './draft';
import { formatSpan } from './zone';

/** Sessions in start order. */
export function byStart(sessions: Session[]): Session[] {
  return [...sessions].sort((a, b) => Date.parse(a.startsAt ?? '') - Date.parse(b.startsAt ?? ''));
}

/** A session in a few words, for pickers and headings: when and where. */
export function sessionLabel(session: Session): string {
  const when = formatSpan(session.localStartsAt, session.localEndsAt);
  return session.location ? `${when}, ${session.location}` : when;
}
