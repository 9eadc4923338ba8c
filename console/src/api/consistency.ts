/**
 * Read your own writes across services: a write's answer carries `Roster-Consistency` (per topic, the events it
 * recorded); sent back on the next requests, a service that keeps a projection of that topic answers once it has
 * applied them. The console keeps the events of its recent writes, merged across writes (a user created, then a
 * training's participants read elsewhere), and forgets them once any projection has long caught up.
 */
export const CONSISTENCY_HEADER = 'Roster-Consistency';

/** How long a write's events are sent along: projections apply them in milliseconds, seconds during a burst. */
const KEEP_MS = 60_000;
/** The service's limits on a token (ConsistencyToken): at most 64 events and 2,048 characters. */
const MOST_EVENTS = 64;
const MOST_CHARACTERS = 2_048;

const TOPIC = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const EVENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Written {
  topic: string;
  event: string;
  at: number;
}

/** The events of recent writes, newest last. */
export class WrittenEvents {
  private written: Written[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the events a write's answer names (a value that is not a token is ignored). */
  remember(header: string | null): void {
    if (!header) return;
    const at = this.now();
    for (const part of header.split(';')) {
      const [topic, ids] = part.split('=', 2).map((text) => text?.trim() ?? '');
      if (!TOPIC.test(topic) || !ids) continue;
      for (const event of ids.split('.')) {
        if (!EVENT.test(event)) continue;
        this.written = this.written.filter((known) => known.event !== event);
        this.written.push({ topic, event, at });
      }
    }
  }

  /** The header to send: the newest events of the last minute, within the service's limits; undefined for none. */
  header(): string | undefined {
    const since = this.now() - KEEP_MS;
    this.written = this.written.filter((known) => known.at >= since);
    let kept = this.written.slice(-MOST_EVENTS);
    let value = format(kept);
    while (value.length > MOST_CHARACTERS) {
      kept = kept.slice(1);
      value = format(kept);
    }
    return value || undefined;
  }

  clear(): void {
    this.written = [];
  }
}

function format(events: Written[]): string {
  const byTopic = new Map<string, string[]>();
  for (const { topic, event } of events) {
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), event]);
  }
  return [...byTopic.keys()].sort().map((topic) => `${topic}=${byTopic.get(topic)!.join('.')}`).join(';');
}
