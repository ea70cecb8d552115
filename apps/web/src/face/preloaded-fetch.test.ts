import { describe, expect, it } from 'vitest';
import { preloadedFetch } from './preloaded-fetch.ts';

describe('preloadedFetch', () => {
  const bytes = new TextEncoder().encode('{"weights":1}').buffer;
  const passed: string[] = [];
  const network: typeof fetch = async (input) => {
    passed.push(String(input));
    return new Response('from the network');
  };
  const f = preloadedFetch(new Map([['https://school.lan/models/blazeface.json', bytes]]), network, 'https://school.lan/assets/worker.js');

  it('answers a downloaded model file from memory, by relative or absolute URL, as often as asked', async () => {
    expect(await (await f('/models/blazeface.json')).json()).toEqual({ weights: 1 });
    expect(await (await f(new URL('https://school.lan/models/blazeface.json'))).json()).toEqual({ weights: 1 });
    expect(await (await f(new Request('https://school.lan/models/blazeface.json'))).text()).toBe('{"weights":1}');
    expect(passed).toEqual([]);
  });

  it('passes every other request to the network', async () => {
    expect(await (await f('/models/tfjs-backend-wasm-simd.wasm')).text()).toBe('from the network');
    await f('/models/blazeface.json', { method: 'HEAD' });
    expect(passed).toEqual(['/models/tfjs-backend-wasm-simd.wasm', '/models/blazeface.json']);
  });
});
