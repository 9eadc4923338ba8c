import { describe, expect, it } from 'vitest';
import { readEvents, SseParser, type SseEvent } from './sse';

// the stream as notification-service writes it: "ready", a keep-alive comment, a notice, and the last word
const STREAM = 'event:ready\ndata:{"userId":"u-1"}\n\n'
  + ':keep-alive\n\n'
  + 'id:n-1\nevent:notification\ndata:{"id":"n-1","title":"Agata Brown switched session"}\n\n'
  + 'event:access-ended\ndata:{"reason":"The access token has expired"}\n\n';

const EXPECTED: SseEvent[] = [
  { event: 'ready', data: '{"userId":"u-1"}', id: undefined },
  { event: 'notification', data: '{"id":"n-1","title":"Agata Brown switched session"}', id: 'n-1' },
  { event: 'access-ended', data: '{"reason":"The access token has expired"}', id: 'n-1' },
];

function parseAll(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('SseParser', () => {
  it('reads the events of a whole stream and skips comments', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('reads the same events however the stream is split in two', () => {
    for (let cut = 0; cut <= STREAM.length; cut += 1) {
      expect(parseAll([STREAM.slice(0, cut), STREAM.slice(cut)])).toEqual(EXPECTED);
    }
  });

  it('reads the same events one character at a time', () => {
    expect(parseAll([...STREAM])).toEqual(EXPECTED);
  });

  it('joins several data lines with newlines and drops one space after the colon', () => {
    expect(parseAll(['data: first\ndata:second\ndata:  third\n\n'])).toEqual([
      { event: 'message', data: 'first\nsecond\n third', id: undefined },
    ]);
  });

  it('takes CRLF and CR line ends, even with CR and LF in different chunks', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    for (let cut = 0; cut <= crlf.length; cut += 1) {
      expect(parseAll([crlf.slice(0, cut), crlf.slice(cut)])).toEqual(EXPECTED);
    }
    expect(parseAll([STREAM.replace(/\n/g, '\r')])).toEqual(EXPECTED);
  });

  it('dispatches nothing for an event without data, nor for one not ended by a blank line yet', () => {
    expect(parseAll(['event:ready\n\n', 'data:half'])).toEqual([]);
  });
});

describe('readEvents', () => {
  it('decodes characters whose bytes arrive in different chunks', async () => {
    const bytes = new TextEncoder().encode('event:notification\ndata:{"title":"Café – Zoë"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        bytes.forEach((byte) => controller.enqueue(new Uint8Array([byte])));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readEvents(body, (event) => events.push(event));
    expect(events).toEqual([{ event: 'notification', data: '{"title":"Café – Zoë"}', id: undefined }]);
  });
});
