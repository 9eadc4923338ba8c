import { describe, expect, it } from 'vitest';
import { auditWords, sourceWords } from './words';

describe('the audit in words', () => {
  it('names the status change, the fields changed and the schedule', () => {
    expect(auditWords('user.status-changed', { from: 'ACTIVE', to: 'EMPLOYMENT_ENDED', scheduled: false }))
      .toBe('Status changed from Active to Employment Ended');
    expect(auditWords('user.status-changed', { from: 'ACTIVE', to: 'INACTIVE', scheduled: true }))
      .toBe('Status changed from Active to Inactive (as scheduled)');
    expect(auditWords('user.updated', { fields: ['jobTitle', 'supervisorId', 'somethingNew'] }))
      .toBe('Changed job title, supervisor, somethingNew');
    expect(auditWords('user.status-scheduled', { status: 'INACTIVE', effectiveDate: '2027-01-31' }))
      .toBe('Inactive scheduled for Jan 31, 2027');
    expect(auditWords('user.created', { status: 'ACTIVE' })).toBe('Created as Active');
  });

  it('shows an action it does not know by its code, and survives missing details', () => {
    expect(auditWords('user.something-new', null)).toBe('user.something-new');
    expect(auditWords('user.updated', undefined)).toBe('Changed');
    expect(auditWords('user.status-changed', {})).toBe('Status changed from ? to ?');
  });

  it('says where a change came from', () => {
    expect(sourceWords('api 10.0.0.7')).toBe('Console or API, 10.0.0.7');
    expect(sourceWords('scim')).toBe('Identity provider (SCIM)');
    expect(sourceWords('scheduler')).toBe('Schedule');
    expect(sourceWords('import 5f0c')).toBe('Import, 5f0c');
    expect(sourceWords(null)).toBe('Roster');
  });
});
