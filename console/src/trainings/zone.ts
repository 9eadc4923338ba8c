/**
 * Dates in a training's time zone: sessions are entered and shown as wall-clock times there (the API takes instants and
 * answers both the instant and the wall-clock time), whatever the browser's own zone.
 */

/** How far `zone`'s clocks are ahead of UTC at the instant `epoch` (milliseconds). */
function offsetAt(epoch: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric',
    minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(epoch));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(epoch / 1000) * 1000;
}

function wallClock(local: string): number {
  const [date = '', time = '00:00'] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** The instant (ISO-8601, UTC) of a wall-clock time "yyyy-MM-ddTHH:mm" in `zone`; null when it is not a date-time. */
export function instantOf(local: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const wall = wallClock(local);
  const guess = wall - offsetAt(wall, zone);
  // across a daylight-saving change the offset at the guess is the one that holds
  const epoch = wall - offsetAt(guess, zone);
  return new Date(epoch).toISOString();
}

/** A wall-clock time as the API answers it ("2026-12-16T09:00:00") in the form a date-time input takes. */
export function inputOf(local: string | undefined): string {
  return local ? local.slice(0, 16) : '';
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' };

/** "Wed, Dec 16, 2026, 09:00" for a wall-clock time as the API answers it. */
export function formatLocal(local: string | undefined): string {
  if (!local) return '';
  const when = new Date(wallClock(local));
  return `${when.toLocaleDateString('en-US', DAY)}, ${when.toLocaleTimeString('en-US', TIME)}`;
}

/** A session's span: "Wed, Dec 16, 2026, 09:00–17:00", or both ends in full when it spans days. */
export function formatSpan(localStart: string | undefined, localEnd: string | undefined): string {
  if (!localStart || !localEnd) return formatLocal(localStart);
  if (localStart.slice(0, 10) === localEnd.slice(0, 10)) {
    return `${formatLocal(localStart)}–${new Date(wallClock(localEnd)).toLocaleTimeString('en-US', TIME)}`;
  }
  return `${formatLocal(localStart)} – ${formatLocal(localEnd)}`;
}

/** An instant as a wall-clock time in `zone`: "Wed, Dec 16, 2026, 09:00". */
export function formatInstant(instant: string | undefined, zone: string): string {
  if (!instant) return '';
  const when = new Date(instant);
  const day = when.toLocaleDateString('en-US', { ...DAY, timeZone: zone });
  return `${day}, ${when.toLocaleTimeString('en-US', { ...TIME, timeZone: zone })}`;
}

/** The IANA time zones a person can pick from (the browser's list, with UTC and any zone already in use). */
export function timeZones(current?: string): string[] {
  const known = new Set(Intl.supportedValuesOf('timeZone'));
  known.add('UTC');
  if (current) known.add(current);
  return [...known].sort();
}

/** The browser's own time zone, the natural default for a new training. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
