/**
 * The typed clients of the services' APIs, generated from their OpenAPI documents (openapi/<service>.json, each kept
 * equal to the service's own by that service's test): a path or field a service does not have does not compile.
 * Every request carries the access token; a 401 refreshes the tokens once and repeats the request.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as ImportPaths } from './import-service';
import type { paths as NotificationPaths } from './notification-service';
import type { paths as TrainingPaths } from './training-service';
import type { paths as UserPaths } from './user-service';
import { namedFields, problemOf, problemWords, type Problem } from './problem';
import { currentAccessToken, onSessionChange, refresh } from '../session/session';
import { CONSISTENCY_HEADER, WrittenEvents } from './consistency';

const authorize: Middleware = {
  async onRequest({ request }) {
    const token = currentAccessToken();
    if (token) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    request.headers.set('Accept', 'application/json, application/problem+json');
    return request;
  },
};

// a request body can be read once: keep a copy of each so that a request refused for an expired token can be sent again
const retryable = new WeakMap<Request, Request>();

const refreshOnce: Middleware = {
  async onRequest({ request }) {
    retryable.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) {
      return response;
    }
    const copy = retryable.get(request);
    if (!copy || !(await refresh())) {
      return response;
    }
    copy.headers.set('Authorization', `Bearer ${currentAccessToken()}`);
    copy.headers.set('Accept', 'application/json, application/problem+json');
    return fetch(copy);
  },
};

// the events of this person's recent writes, sent along so that no service answers from before them
const written = new WrittenEvents();
onSessionChange(() => {
  if (!currentAccessToken()) written.clear();
});

const readYourWrites: Middleware = {
  async onRequest({ request }) {
    const header = written.header();
    if (header) {
      request.headers.set(CONSISTENCY_HEADER, header);
    }
    return request;
  },
  async onResponse({ response }) {
    written.remember(response.headers.get(CONSISTENCY_HEADER));
    return response;
  },
};

function clientOf<Paths extends {}>() {
  const client = createClient<Paths>({ baseUrl: `${window.location.origin}/api/v1` });
  // requests pass them in this order, answers the other way round: a retried request keeps the consistency header,
  // and the events of the answer finally given are remembered
  client.use(readYourWrites, refreshOnce, authorize);
  return client;
}

/** user-service: sign-in, users, departments, groups, roles, the account. */
export const api = clientOf<UserPaths>();
/** training-service: trainings, courses, programs, the catalog and a learner's own. */
export const trainingApi = clientOf<TrainingPaths>();
/** notification-service: the notification center. */
export const notificationApi = clientOf<NotificationPaths>();
/** import-service: imports and exports. */
export const importApi = clientOf<ImportPaths>();

/** Thrown for an answer that is not a success: what the service said, as a problem. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  /** Whether the service refused a change made to an older version than it has (If-Match no longer matches). */
  get stale(): boolean {
    return this.problem.status === 412 || (this.problem.type ?? '').endsWith('/stale-version');
  }
}

/** The data of a successful answer, or an ApiError with the service's problem. */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  return (await answered(call)).data;
}

/** A successful answer's data with its response (for headers such as ETag), or an ApiError with the service's problem. */
export async function answered<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>):
    Promise<{ data: T; response: Response }> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError({ title: 'Roster could not be reached. Check your connection and try again.', status: 0 });
  }
  if (result.response.ok) {
    return { data: result.data as T, response: result.response };
  }
  const error = result.error as Partial<Problem> | undefined;
  if (error && typeof error === 'object' && 'title' in error) {
    throw new ApiError({ type: error.type, status: result.response.status, title: String(error.title), detail: error.detail,
      errors: error.errors, fields: namedFields(error as { field?: unknown; fields?: unknown }) });
  }
  throw new ApiError(await problemOf(result.response));
}

/** The words a person reads for a failed call: the service's problem where there is one. */
export function errorWords(error: unknown): string {
  return error instanceof ApiError ? problemWords(error.problem) : String(error);
}
