/** The words a person reads for import-service's codes and figures. */
import type { components } from '../api/import-service';
import { plural, STATUS_WORDS, type UserStatus } from '../users/words';

export type ImportState = NonNullable<components['schemas']['ImportResponse']['state']>;
export type RowAction = NonNullable<components['schemas']['RowResponse']['action']>;
type Progress = components['schemas']['Progress'];

export const STATE_WORDS: Record<ImportState, { label: string; color: string }> = {
  PREPARING: { label: 'Checking', color: 'blue' },
  PREVIEW: { label: 'Waiting for confirmation', color: 'yellow' },
  CONFIRMED: { label: 'Importing', color: 'blue' },
  COMPLETED: { label: 'Done', color: 'green' },
  CANCELLED: { label: 'Discarded', color: 'gray' },
};

/** What a row of the preview will do: its badge, and the filter's name for rows of its kind. */
export const ACTION_WORDS: Record<RowAction, { label: string; filter: string; color: string }> = {
  CREATE: { label: 'New user', filter: 'New users', color: 'green' },
  UPDATE: { label: 'Update', filter: 'Updates', color: 'blue' },
  STATUS_CHANGE: { label: 'Status change', filter: 'Status changes', color: 'orange' },
  UNCHANGED: { label: 'Unchanged', filter: 'Unchanged', color: 'gray' },
  INVALID: { label: 'Invalid', filter: 'Invalid', color: 'red' },
};

export const ROW_ACTIONS = Object.keys(ACTION_WORDS) as RowAction[];

/** What user-service did with a confirmed row (ImportRowApplied's outcomes). */
const OUTCOME_WORDS: Record<string, string> = {
  CREATED: 'Created',
  CREATED_INACTIVE: 'Created as Inactive: the account had no free seat',
  UPDATED: 'Updated',
  UNCHANGED: 'Nothing to change',
  REFUSED: 'Refused',
};

/** Why user-service refused a row, or (UNKNOWN_GROUPS) what it could not do of an applied one. */
const REASON_WORDS: Record<string, string> = {
  MISSING_FIELDS: 'A required field is empty',
  INVALID_FIELDS: 'A field has a value Roster does not accept',
  INVALID_PASSWORD_HASH: 'The password could not be stored',
  DEPARTMENT_NOT_FOUND: 'The department no longer exists',
  SUPERVISOR_NOT_FOUND: 'The supervisor is not a user of the account',
  SELF_SUPERVISOR: 'A user cannot be their own supervisor',
  EMAIL_TAKEN: 'Another user has this email',
  OUT_OF_SCOPE: 'Outside the departments you manage',
  ACCOUNT_OWNER: 'The Account Owner\'s status, email and password cannot be changed by a file',
  PRIVILEGED_USER: 'The user holds a permission you do not have',
  SEAT_LIMIT: 'The account has no free seat for another active user',
  ACCOUNT_NOT_FOUND: 'The account no longer exists',
  APPLY_FAILED: 'Roster could not apply this row',
  UNKNOWN_GROUPS: 'Some of its groups do not exist: the user was not added to them',
};

/**
 * What became of a row, in words: user-service's outcome with its reason once answered; before that, what the
 * import's state means for it (nothing for a preview, where the row's action says it all).
 */
export function outcomeWords(row: { action?: RowAction; outcome?: string | null; outcomeReason?: string | null },
    state: ImportState): string {
  if (row.outcome) {
    const outcome = OUTCOME_WORDS[row.outcome] ?? row.outcome;
    const reason = row.outcomeReason ? REASON_WORDS[row.outcomeReason] ?? row.outcomeReason : '';
    return reason ? `${outcome}: ${reason}` : outcome;
  }
  if (state !== 'CONFIRMED' && state !== 'COMPLETED') return '';
  if (row.action === 'INVALID') return 'Skipped: invalid';
  if (row.action === 'UNCHANGED') return 'Skipped: nothing to change';
  return state === 'CONFIRMED' ? 'Waiting' : '';
}

/** The fields a row sets (the values of the row), in the template's order, with their headers. */
const VALUE_LABELS: Array<[string, string]> = [
  ['email', 'Email'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['department', 'Department'],
  ['jobTitle', 'Job title'],
  ['phone', 'Phone'],
  ['supervisor', 'Supervisor login'],
  ['groups', 'Groups'],
  ['status', 'Status'],
  ['employmentEndedOn', 'Employment end date'],
];

/** A row's values as "Header: value" (the login has its own column; a status in its words). */
export function valueWords(values: Record<string, string> | undefined): string[] {
  if (!values) return [];
  return VALUE_LABELS.filter(([key]) => values[key]).map(([key, label]) =>
    `${label}: ${key === 'status' ? STATUS_WORDS[values[key] as UserStatus] ?? values[key] : values[key]}`);
}

/** A reason of an invalid row or a warning, with the column it concerns. */
export function problemOfRow(error: { column?: string; reason?: string }): string {
  return [error.column, error.reason].filter(Boolean).join(': ');
}

/** How far applying got: the share of rows answered, and the counts in words. */
export function progressFigures(progress: Progress | undefined): { percent: number; done: number; total: number;
    words: string } {
  const total = progress?.total ?? 0;
  const applied = progress?.applied ?? 0;
  const refused = progress?.refused ?? 0;
  const done = applied + refused;
  const percent = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 100;
  const remaining = progress?.remaining ?? Math.max(0, total - done);
  const figures = [`${applied.toLocaleString('en')} applied`, `${refused.toLocaleString('en')} refused`,
    `${remaining.toLocaleString('en')} to go`];
  return {
    percent,
    done,
    total,
    words: `${done.toLocaleString('en')} of ${plural(total, 'row')} done: ${figures.join(', ')}`,
  };
}

/** The name a download is saved under: the one in the server's Content-Disposition, else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // a malformed encoding: the plain name below, or the fallback
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1].trim() : fallback;
}

export function formatDateTime(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

export function formatSize(bytes: number | undefined): string {
  const size = bytes ?? 0;
  if (size < 1024) return plural(size, 'byte');
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** What confirming will do, from the preview's summary: the changes, and the rows it leaves out. */
export function confirmWords(summary: components['schemas']['Summary'] | undefined): string {
  const changes = [
    summary?.create ? `create ${plural(summary.create, 'user')}` : '',
    summary?.update ? `update ${plural(summary.update, 'user')}` : '',
    summary?.statusChange ? `change the status of ${plural(summary.statusChange, 'user')}` : '',
  ].filter(Boolean);
  const sentences = [changes.length === 0 ? 'Nothing in this file changes a user.'
    : `Confirming will ${changes.length > 1 ? `${changes.slice(0, -1).join(', ')} and ${changes.at(-1)}` : changes[0]}.`];
  if (summary?.invalid) {
    sentences.push(`${plural(summary.invalid, 'invalid row')} will be skipped.`);
  }
  if (summary?.withWarnings) {
    sentences.push(`${plural(summary.withWarnings, 'row has', 'rows have')} a warning: read ${summary.withWarnings === 1 ? 'it' : 'them'} first.`);
  }
  return sentences.join(' ');
}
