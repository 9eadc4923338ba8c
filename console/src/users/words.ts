/** The words a person reads for the API's codes. */

export type UserStatus = 'ACTIVE' | 'INACTIVE' | 'EMPLOYMENT_ENDED' | 'DELETED';

export const STATUS_WORDS: Record<UserStatus, string> = {
  ACTIVE: 'Active',
  INACTIVE: 'Inactive',
  EMPLOYMENT_ENDED: 'Employment Ended',
  DELETED: 'Deleted',
};

export const SKIP_REASON_WORDS: Record<string, string> = {
  ACCOUNT_OWNER: 'The Account Owner cannot be deactivated, ended or deleted',
  SEAT_LIMIT: 'The account has no free seat for another active user',
  ALREADY_IN_STATUS: 'Already has this status',
  NOT_FOUND: 'No longer in this account',
  OUT_OF_SCOPE: 'Outside the departments you manage',
  PRIVILEGED_USER: 'Holds a permission you do not have',
  NOTHING_SCHEDULED: 'Had no scheduled change to cancel',
};

export function skipReasonWords(reason: string): string {
  return SKIP_REASON_WORDS[reason] ?? reason;
}

export type BulkAction = 'ACTIVATE' | 'DEACTIVATE' | 'END_EMPLOYMENT' | 'DELETE' | 'CANCEL_SCHEDULED';

export const ACTION_WORDS: Record<BulkAction, { verb: string; noun: string; schedulable: boolean }> = {
  ACTIVATE: { verb: 'Activate', noun: 'activation', schedulable: true },
  DEACTIVATE: { verb: 'Deactivate', noun: 'deactivation', schedulable: true },
  END_EMPLOYMENT: { verb: 'End employment', noun: 'end of employment', schedulable: true },
  DELETE: { verb: 'Delete', noun: 'deletion', schedulable: false },
  CANCEL_SCHEDULED: { verb: 'Cancel scheduled change', noun: 'cancellation', schedulable: false },
};

/** The status an action leads to, for the impact preview (cancelling previews nothing). */
export function targetStatus(action: BulkAction): UserStatus | null {
  switch (action) {
    case 'ACTIVATE':
      return 'ACTIVE';
    case 'DEACTIVATE':
      return 'INACTIVE';
    case 'END_EMPLOYMENT':
      return 'EMPLOYMENT_ENDED';
    case 'DELETE':
      return 'DELETED';
    default:
      return null;
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('en', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
