import { describe, expect, it } from 'vitest';
import { followNotifications, reconnectDelay, type Notice, type StreamDeps } from './liveStream';

describe('reconnectDelay', () => {
  it('doubles from one second up to thirty, in the upper half of each step', () => {
    const longest = [1, 2, 3, 4, 5, 6, 7, 12].map((attempt) => reconnectDelay(attempt, () => 1));
    expect(longest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    const shortest = [1, 2, 6].map((attempt) => reconnectDelay(attempt, () => 0));
    expect(shortest).toEqual([500, 1_000, 15_000]);
  });
});

const READY = 'event:ready\ndata:{"userId":"u-1"}\n\n';
const NOTICE = 'id:n-1\nevent:notification\ndata:{"id":"n-1","kind":"supervisor-learner-switched","title":"Switched"}\n\n';
const ENDED = 'event:access-ended\ndata:{"reason":"The access token has expired"}\n\n';

/**
 * A scripted server and session: each connection answers the next of `answers` (a status, a stream's text, or a
 * network failure); the walk stops once they are used up. Records what the follower did.
 */
function script(answers: Array<number | string | Error>, { refreshes = [true], tokens = ['t-1', 't-2', 't-3'] } = {}) {
  const controller = new AbortController();
  const seen = { bearers: [] as string[], waits: [] as number[], refreshed: 0, ready: 0, notices: [] as Notice[] };
  let token: string | null = tokens[0];
  const deps: StreamDeps = {
    fetch: async (_url, init) => {
      seen.bearers.push(String((init.headers as Record<string, string>).Authorization));
      const answer = answers.shift();
      if (answers.length === 0) controller.abort();
      if (answer instanceof Error) throw answer;
      return typeof answer === 'number' ? new Response(null, { status: answer }) : new Response(answer ?? '');
    },
    token: () => token,
    refresh: async () => {
      const ok = refreshes[seen.refreshed] ?? true;
      seen.refreshed += 1;
      token = ok ? tokens[seen.refreshed] : null;
      return ok;
    },
    wait: async (milliseconds) => { seen.waits.push(milliseconds); },
    random: () => 1,
  };
  const listener = { ready: () => { seen.ready += 1; }, notification: (notice: Notice) => { seen.notices.push(notice); } };
  return { run: () => followNotifications(listener, controller.signal, deps), seen };
}

describe('followNotifications', () => {
  it('hands over notices and, refused with 401, reconnects at once with a fresh token', async () => {
    const { run, seen } = script([401, READY + NOTICE, READY]);
    await run();
    expect(seen.bearers).toEqual(['Bearer t-1', 'Bearer t-2', 'Bearer t-2']);
    expect(seen.refreshed).toBe(1);
    expect(seen.waits).toEqual([0, 1_000]);
    expect(seen.notices.map((notice) => notice.title)).toEqual(['Switched']);
    expect(seen.ready).toBe(2);
  });

  it('after access-ended, refreshes and reconnects at once', async () => {
    const { run, seen } = script([READY + ENDED, READY]);
    await run();
    expect(seen.bearers).toEqual(['Bearer t-1', 'Bearer t-2']);
    expect(seen.waits).toEqual([0]);
  });

  it('waits longer after each drop until the stream is ready again', async () => {
    const { run, seen } = script([new TypeError('network'), 503, '', new TypeError('network'), READY, '', READY]);
    await run();
    expect(seen.waits).toEqual([1_000, 2_000, 4_000, 8_000, 1_000, 2_000]);
    expect(seen.refreshed).toBe(0);
  });

  it('stops when the session is over: the refresh is refused and no token is left', async () => {
    const { run, seen } = script([401, READY, READY], { refreshes: [false] });
    await run();
    expect(seen.bearers).toEqual(['Bearer t-1']);
    expect(seen.refreshed).toBe(1);
  });
});
