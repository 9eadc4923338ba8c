import { api, answer } from '../api/client';
import { targetStatus, type BulkAction } from './words';

/** What a bulk action would do, as the impact preview says it (a status change or deletion now). */
export function previewImpact(action: BulkAction, userIds: string[]) {
  const status = targetStatus(action);
  if (status === null) {
    throw new Error(`${action} has no impact preview`);
  }
  return answer(api.POST('/users/status-impact', { body: { status, userIds } }));
}

/** The bulk action itself, or with dryRun what it would answer, changing nothing. */
export function runBulk(action: BulkAction, userIds: string[], effectiveDate: string | null, dryRun: boolean) {
  return answer(api.POST('/users/bulk', {
    body: { action, userIds, effectiveDate: effectiveDate ?? undefined, dryRun },
  }));
}

export type Impact = Awaited<ReturnType<typeof previewImpact>>;
export type BulkAnswer = Awaited<ReturnType<typeof runBulk>>;

/** The impact preview applies to changes made now; a scheduled change or a cancellation is tried with dryRun instead. */
export function hasImpactPreview(action: BulkAction, effectiveDate: string | null): boolean {
  return effectiveDate === null && targetStatus(action) !== null;
}
