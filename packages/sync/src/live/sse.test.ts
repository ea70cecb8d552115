import { describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from './sse.ts';

const body = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(text));
      c.close();
    },
  });

describe('readSse', () => {
  it('takes an id with no data as the position only, and events with their ids', async () => {
    const messages: SseMessage[] = [];
    const positions: string[] = [];
    await readSse(
      body('retry: 2000\n\nid: 41\n\n: keep-alive\n\nid: 42\nevent: mark.accepted\ndata: {"a":1}\n\n'),
      (m) => messages.push(m),
      (id) => positions.push(id),
    );
    expect(positions).toEqual(['41']);
    expect(messages).toEqual([{ id: '42', event: 'mark.accepted', data: '{"a":1}' }]);
  });
});
