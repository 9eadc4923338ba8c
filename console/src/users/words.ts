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

const FIELD_WORDS: Record<string, string> = {
  firstName: 'first name', lastName: 'last name', login: 'login', email: 'email', jobTitle: 'job title',
  phone: 'phone', locale: 'language', departmentId: 'department', supervisorId: 'supervisor', roleIds: 'roles',
};

type Details = Record<string, unknown> | null | undefined;

function statusWord(value: unknown): string {
  return STATUS_WORDS[value as UserStatus] ?? String(value ?? '?');
}

/** What an audited change did, in a sentence (an action the console does not know is shown by its code). */
export function auditWords(action: string, details: Details): string {
  const d = details ?? {};
  switch (action) {
    case 'user.created':
      return d.status ? `Created as ${statusWord(d.status)}` : 'Created';
    case 'user.updated': {
      const fields = Array.isArray(d.fields) ? (d.fields as string[]).map((field) => FIELD_WORDS[field] ?? field) : [];
      return fields.length ? `Changed ${fields.join(', ')}` : 'Changed';
    }
    case 'user.status-changed':
      return `Status changed from ${statusWord(d.from)} to ${statusWord(d.to)}${d.scheduled ? ' (as scheduled)' : ''}`;
    case 'user.status-scheduled':
      return `${statusWord(d.status)} scheduled for ${formatDate(String(d.effectiveDate ?? ''))}`;
    case 'user.status-schedule-cancelled':
      return 'Scheduled status change cancelled';
    case 'user.password-changed':
      return 'Password set';
    case 'user.invited':
      return d.expiresAt ? `Invitation sent, valid until ${new Date(String(d.expiresAt)).toLocaleString('en')}` : 'Invitation sent';
    case 'user.deleted':
      return 'Deleted';
    case 'account.sign-in-spraying':
      return `Failed sign-ins for ${String(d.failingLogins ?? 'many')} logins from one address`;
    case 'account.scim-token-created':
      return 'SCIM token created';
    case 'account.scim-token-revoked':
      return 'SCIM token revoked';
    case 'account.scim-settings-changed':
      return 'SCIM settings changed';
    default:
      return action;
  }
}

/** Where a change came from ("api 10.0.0.7", "scim", "import <job>", "scheduler"), in words. */
export function sourceWords(source: string | null | undefined): string {
  if (!source) return 'Roster';
  const [kind, ...rest] = source.split(' ');
  const address = rest.join(' ');
  const name = ({ api: 'Console or API', scim: 'Identity provider (SCIM)', import: 'Import', scheduler: 'Schedule' } as
    Record<string, string>)[kind] ?? kind;
  return address ? `${name}, ${address}` : name;
}
