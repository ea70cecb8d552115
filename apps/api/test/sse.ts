// A live event stream read as a dashboard reads it (GET /api/events, Server-Sent Events), for the
// tests of what the stream delivers.
import { expect } from 'vitest';
import { LiveEvent } from '@rollcall/contracts';

export interface Received {
  id: number;
  event: LiveEvent;
}

/** Opens an SSE stream and collects parsed events until closed. */
export function listen(url: string, token: string, lastEventId?: number) {
  const controller = new AbortController();
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
  const ready = fetch(url, { signal: controller.signal, headers }).then(async (res) => {
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (id && data) {
              received.push({ id: Number(id), event: LiveEvent.parse(JSON.parse(data)) });
              waiters.splice(0).forEach((w) => w());
            }
          }
        }
      } catch {
        /* aborted */
      }
    })();
  });
  const until = async (pred: (r: Received[]) => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!pred(received)) {
      if (Date.now() > deadline) throw new Error(`events not received in time; got ${JSON.stringify(received.map((r) => r.event.type))}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  return { ready, received, until, close: () => controller.abort() };
}
