// Live events from the API (/api/events) for a view: the callback runs for each event of the
// given types. Same-origin EventSource carries the session cookie and reconnects by itself.
import { useEffect, useRef } from 'react';
import { LiveEvent } from '@rollcall/contracts';

export function useServerEvents(types: readonly LiveEvent['type'][], onEvent: (e: LiveEvent) => void, enabled = true): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = types.join(',');
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource('/api/events');
    const listener = (msg: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(msg.data);
      } catch {
        return;
      }
      // Parse, don't cast: an event of another server version is ignored rather than misread.
      const parsed = LiveEvent.safeParse(data);
      if (parsed.success) handler.current(parsed.data);
    };
    for (const t of key.split(',')) source.addEventListener(t, listener);
    return () => source.close();
  }, [key, enabled]);
}
