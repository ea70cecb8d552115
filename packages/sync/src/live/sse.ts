// Reads a Server-Sent Events body into messages (id, event, data), as the SSE spec frames them.

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Calls onMessage for each complete message in the stream, onPosition for an id alone; resolves when the stream ends. */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (m: SseMessage) => void, onPosition?: (id: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue; // comments are keep-alives
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = text;
        else if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
      }
      // An id with no data moves the position only (the spec sets lastEventId before it drops an
      // empty event): the server opens a stream with one so a reconnect replays from there.
      if (data.length) onMessage({ id, event, data: data.join('\n') });
      else if (id !== null) onPosition?.(id);
    }
  }
}
