import { describe, expect, it } from 'vitest';
import { confirmWords, fileNameOf, formatSize, outcomeWords, problemOfRow, progressFigures, valueWords } from './words';

describe('outcomeWords', () => {
  it('says what user-service did, with its reason in words', () => {
    expect(outcomeWords({ action: 'CREATE', outcome: 'CREATED' }, 'COMPLETED')).toBe('Created');
    expect(outcomeWords({ action: 'UPDATE', outcome: 'REFUSED', outcomeReason: 'EMAIL_TAKEN' }, 'COMPLETED'))
      .toBe('Refused: Another user has this email');
    expect(outcomeWords({ action: 'STATUS_CHANGE', outcome: 'REFUSED', outcomeReason: 'ACCOUNT_OWNER' }, 'COMPLETED'))
      .toBe('Refused: The Account Owner\'s status, email and password cannot be changed by a file');
    expect(outcomeWords({ action: 'CREATE', outcome: 'CREATED_INACTIVE' }, 'COMPLETED'))
      .toBe('Created as Inactive: the account had no free seat');
    // applied, but not all of it
    expect(outcomeWords({ action: 'UPDATE', outcome: 'UPDATED', outcomeReason: 'UNKNOWN_GROUPS' }, 'COMPLETED'))
      .toBe('Updated: Some of its groups do not exist: the user was not added to them');
  });

  it('shows a code it does not know rather than nothing', () => {
    expect(outcomeWords({ action: 'UPDATE', outcome: 'REFUSED', outcomeReason: 'NEW_RULE' }, 'COMPLETED'))
      .toBe('Refused: NEW_RULE');
  });

  it('says which rows were never sent, and which wait for an answer while applying', () => {
    expect(outcomeWords({ action: 'INVALID' }, 'COMPLETED')).toBe('Skipped: invalid');
    expect(outcomeWords({ action: 'UNCHANGED' }, 'CONFIRMED')).toBe('Skipped: nothing to change');
    expect(outcomeWords({ action: 'CREATE' }, 'CONFIRMED')).toBe('Waiting');
  });

  it('says nothing before confirmation', () => {
    expect(outcomeWords({ action: 'CREATE' }, 'PREVIEW')).toBe('');
    expect(outcomeWords({ action: 'INVALID' }, 'CANCELLED')).toBe('');
  });
});

describe('valueWords', () => {
  it('names each value a row sets by its column, in the template\'s order, a status in words', () => {
    expect(valueWords({ login: 'nina', status: 'EMPLOYMENT_ENDED', firstName: 'Nina', employmentEndedOn: '2026-11-30' }))
      .toEqual(['First name: Nina', 'Status: Employment Ended', 'Employment end date: 2026-11-30']);
    expect(valueWords(undefined)).toEqual([]);
  });
});

describe('problemOfRow', () => {
  it('puts the column before the reason', () => {
    expect(problemOfRow({ column: 'Email', reason: '\'nope\' is not an email address' }))
      .toBe('Email: \'nope\' is not an email address');
    expect(problemOfRow({ reason: 'Broken row' })).toBe('Broken row');
  });
});

describe('progressFigures', () => {
  it('counts answered rows, applied and refused, against the rows to apply', () => {
    const figures = progressFigures({ total: 2000, submitted: 1500, applied: 990, refused: 10, remaining: 1000,
      submitting: true });
    expect(figures.percent).toBe(50);
    expect(figures.done).toBe(1000);
    expect(figures.words).toBe('1,000 of 2,000 rows done: 990 applied, 10 refused, 1,000 to go');
  });

  it('rounds down, so that a bar is full only when every row is answered', () => {
    expect(progressFigures({ total: 3, applied: 2, refused: 0, remaining: 1 }).percent).toBe(66);
    expect(progressFigures({ total: 1000, applied: 999, refused: 0, remaining: 1 }).percent).toBe(99);
  });

  it('is full when there was nothing to apply', () => {
    expect(progressFigures({ total: 0, applied: 0, refused: 0, remaining: 0 })).toMatchObject({ percent: 100,
      words: '0 of 0 rows done: 0 applied, 0 refused, 0 to go' });
    expect(progressFigures(undefined).percent).toBe(100);
  });

  it('speaks of one row in the singular', () => {
    expect(progressFigures({ total: 1, applied: 0, refused: 0, remaining: 1 }).words)
      .toBe('0 of 1 row done: 0 applied, 0 refused, 1 to go');
  });
});

describe('confirmWords', () => {
  it('lists the changes confirming makes and the rows it skips', () => {
    expect(confirmWords({ totalRows: 3, create: 1, update: 1, statusChange: 0, unchanged: 0, invalid: 1, withWarnings: 0 }))
      .toBe('Confirming will create 1 user and update 1 user. 1 invalid row will be skipped.');
    expect(confirmWords({ create: 2, update: 3, statusChange: 1, invalid: 0, withWarnings: 2 }))
      .toBe('Confirming will create 2 users, update 3 users and change the status of 1 user. '
        + '2 rows have a warning: read them first.');
  });

  it('says so when a file changes nobody', () => {
    expect(confirmWords({ totalRows: 2, unchanged: 1, invalid: 1 }))
      .toBe('Nothing in this file changes a user. 1 invalid row will be skipped.');
  });
});

describe('fileNameOf', () => {
  it('takes the name the server gives', () => {
    expect(fileNameOf('attachment; filename="users-template-2026-12-07.csv"', 'x.csv')).toBe('users-template-2026-12-07.csv');
    expect(fileNameOf('attachment; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.xlsx; filename="resume.xlsx"', 'x'))
      .toBe('résumé.xlsx');
  });

  it('falls back when there is none', () => {
    expect(fileNameOf(null, 'users.xlsx')).toBe('users.xlsx');
    expect(fileNameOf('attachment', 'users.xlsx')).toBe('users.xlsx');
  });
});

describe('formatSize', () => {
  it('reads bytes, kilobytes and megabytes', () => {
    expect(formatSize(152)).toBe('152 bytes');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
