import { Alert } from '@mantine/core';
import { ApiError, errorWords } from '../api/client';

/** A refusal or failure in words (the service's problem: title, detail, field errors), or nothing without an error. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {errorWords(error)}
    </Alert>
  );
}

/** The service's message about one field of a form, to show next to it (a refusal naming the field gives its detail). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const found = (error.problem.errors ?? []).find((candidate) => candidate.field === field);
  if (found) return found.message;
  return error.problem.fields?.includes(field) ? (error.problem.detail ?? error.problem.title) : undefined;
}
