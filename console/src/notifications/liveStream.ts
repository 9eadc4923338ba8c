/**
 * The live notification stream (GET /api/v1/notifications/stream, Server-Sent Events): followed for as long as the
 * person is signed in. The service sends "ready" once it listens, "notification" for each new notice, keep-alive
 * comments, and a last "access-ended" when the token expires or access is revoked; then the stream closes. The console
 * reconnects: with a fresh token after "access-ended" or a 401, after a growing pause when the stream dropped.
 */
import type { components, paths } from '../api/notification-service';
import { currentAccessToken, refresh } from '../session/session';
import { readEvents } from './sse';

export type Notice = components['schemas']['NotificationResponse'];

// the typed client cannot read a stream (and asks for JSON); its path is checked against the API document all the same
const STREAM: keyof paths = '/notifications/stream';

/** What the stream tells its follower. */
export interface StreamListener {
  /** The stream listens (again): notices created while it was down are not announced, so read the lists again. */
  ready: () => void;
  notification: (notice: Notice) => void;
}

/** What following the stream needs from the browser and the session (replaced in tests). */
export interface StreamDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  token: () => string | null;
  refresh: () => Promise<boolean>;
  wait: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

/**
 * How long to wait before reconnect attempt `attempt` (1, 2, …): doubling from `first` up to `max`, and somewhere in the
 * upper half of that, so that many tabs dropped at once do not all come back at the same moment.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random, first = 1_000, max = 30_000): number {
  const ceiling = Math.min(max, first * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function pause(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

const browser: StreamDeps = {
  fetch: (url, init) => fetch(url, init),
  token: currentAccessToken,
  refresh,
  wait: pause,
  random: Math.random,
};

/**
 * Follows the stream until `signal` aborts or the session ends (no token, and none to be had: the sign-in page follows).
 * A refused token (401, or "access-ended") is refreshed first and the stream opened again at once; a drop waits
 * reconnectDelay, longer each time until the stream is ready again.
 */
export async function followNotifications(listener: StreamListener, signal: AbortSignal,
    deps: StreamDeps = browser): Promise<void> {
  let attempt = 0;
  let stale = false;
  while (!signal.aborted) {
    if (stale && await deps.refresh()) stale = false;
    const token = deps.token();
    if (token === null) return;
    if (!stale) {
      try {
        const response = await deps.fetch(`/api/v1${STREAM}`, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
          cache: 'no-store',
          signal,
        });
        if (response.status === 401) {
          stale = true;
        } else if (response.ok && response.body) {
          await readEvents(response.body, (event) => {
            if (event.event === 'ready') {
              attempt = 0;
              listener.ready();
            } else if (event.event === 'notification') {
              const notice = parse(event.data);
              if (notice) listener.notification(notice);
            } else if (event.event === 'access-ended') {
              stale = true;
            }
          }, signal);
        }
      } catch {
        // the stream dropped (network, gateway, service restart): tried again below
      }
    }
    if (signal.aborted) return;
    attempt += 1;
    // a token just refused is replaced at once; anything that keeps failing waits longer each time
    await deps.wait(stale && attempt === 1 ? 0 : reconnectDelay(attempt, deps.random), signal);
  }
}

function parse(data: string): Notice | null {
  try {
    return JSON.parse(data) as Notice;
  } catch {
    return null;
  }
}
