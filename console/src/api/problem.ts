/** An RFC 9457 problem as the services answer it, and the words a person reads for it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field?: string; message?: string }>;
  /** The fields a refusal is about, where the service names them ("field" or "fields" beside the detail). */
  fields?: string[];
}

/** The fields a problem's body names: its "field", or its "fields". */
export function namedFields(body: { field?: unknown; fields?: unknown }): string[] | undefined {
  if (typeof body.field === 'string') return [body.field];
  if (Array.isArray(body.fields)) return body.fields.filter((field): field is string => typeof field === 'string');
  return undefined;
}

export async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return {
        type: body.type,
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        detail: body.detail,
        errors: Array.isArray(body.errors) ? body.errors : undefined,
        fields: namedFields(body as { field?: unknown; fields?: unknown }),
      };
    } catch {
      // a body that is not JSON after all: the status says what there is to say
    }
  }
  return { title: statusWords(response.status), status: response.status };
}

/** The sentence a person reads: the detail where the service gave one, else the title, with field errors after it. */
export function problemWords(problem: Problem): string {
  const main = problem.detail ?? problem.title;
  const fields = (problem.errors ?? [])
    .map((error) => [error.field, error.message].filter(Boolean).join(': '))
    .filter(Boolean);
  return fields.length > 0 ? `${main} (${fields.join('; ')})` : main;
}

function statusWords(status: number): string {
  if (status === 0) return 'Roster could not be reached. Check your connection and try again.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many attempts. Wait a moment and try again.';
  if (status >= 500) return 'Roster could not answer just now. Try again in a moment.';
  return `The request was refused (${status}).`;
}
