/**
 * Server-Sent Events read by hand (the HTML standard's event-stream format): the notification stream needs a bearer
 * header, which EventSource cannot send, so the console reads the response body itself.
 */

/** One event: its type ("message" when the stream named none), its data (lines joined by newlines) and its id. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Turns text, in chunks split anywhere (inside a line, between a CR and its LF), into events: comment lines (":…") are
 * skipped, several data lines make one multi-line data, a blank line ends an event, an event without data is none.
 */
export class SseParser {
  private pending = '';
  private skipLineFeed = false;
  private started = false;
  private type = '';
  private data: string[] = [];
  private lastId: string | undefined;

  push(chunk: string): SseEvent[] {
    let text = this.pending + chunk;
    this.pending = '';
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    if (this.skipLineFeed && text.startsWith('\n')) text = text.slice(1);
    this.skipLineFeed = false;
    const events: SseEvent[] = [];
    let start = 0;
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index];
      if (char !== '\n' && char !== '\r') continue;
      this.line(text.slice(start, index), events);
      if (char === '\r') {
        if (index + 1 === text.length) this.skipLineFeed = true;
        else if (text[index + 1] === '\n') index += 1;
      }
      start = index + 1;
    }
    this.pending = text.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]) {
    if (line === '') {
      if (this.data.length > 0) {
        events.push({ event: this.type || 'message', data: this.data.join('\n'), id: this.lastId });
      }
      this.type = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
  }
}

/** Reads a response body to its end (or until the signal aborts), handing each event over as it completes. */
export async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: SseEvent) => void,
    signal?: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const cancel = () => { void reader.cancel().catch(() => undefined); };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true })).forEach(onEvent);
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
