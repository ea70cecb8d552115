// Live events for a view: the callback runs for each event of the given types. It listens on the
// tab's one LiveChannel (services.live, driven by the session), never on a connection of its own:
// the register page used to open two more EventSources beside it.
import { useEffect, useRef } from 'react';
import type { LiveEvent } from '@rollcall/contracts';
import { services } from '../core/services.ts';

export function useServerEvents(types: readonly LiveEvent['type'][], onEvent: (e: LiveEvent) => void, enabled = true): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = types.join(',');
  useEffect(() => {
    if (!enabled) return;
    const wanted = new Set(key.split(','));
    return services.live.on((e) => wanted.has(e.type) && handler.current(e));
  }, [key, enabled]);
}
