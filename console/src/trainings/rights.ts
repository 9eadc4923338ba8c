/** What the signed-in person may do with trainings, courses and programs: the permissions training-service checks. */
import { can } from '../session/session';

/** Lists and pages of trainings, courses and programs: any training permission. */
export function canSeeTrainings(): boolean {
  return can('TRAININGS_MANAGE') || can('TRAININGS_VIEW_USERS_AND_ENROLL') || can('TRAININGS_ENROLL_USERS');
}

/** Creating, changing and deleting trainings and sessions, creating courses and programs, marking attendance. */
export function canManageTrainings(): boolean {
  return can('TRAININGS_MANAGE');
}

/** The participants of a training and the learners of a course or program. */
export function canSeeParticipants(): boolean {
  return can('TRAININGS_MANAGE') || can('TRAININGS_VIEW_USERS_AND_ENROLL');
}

/** Enrolling, moving and removing participants; assigning courses and programs. */
export function canEnroll(): boolean {
  return can('TRAININGS_ENROLL_USERS') || can('TRAININGS_VIEW_USERS_AND_ENROLL');
}

/** Registration restrictions need both enrollment permissions (the seed's rule). */
export function canRestrict(): boolean {
  return can('TRAININGS_VIEW_USERS_AND_ENROLL') && can('TRAININGS_ENROLL_USERS');
}

/** Finding users to enroll or assign goes through user-service's list. */
export function canPickUsers(): boolean {
  return can('USERS_VIEW');
}
