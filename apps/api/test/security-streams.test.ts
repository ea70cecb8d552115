// The live event stream against the security probe: access is checked again while the stream
// runs (a revoked laptop, a disabled teacher or a teacher taken off a class stops receiving that
// class's marks), and one caller may hold only a few streams open. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveEvent } from '@rollcall/contracts';
import { STREAMS_PER_CALLER } from '../src/features/events/event-hub.ts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

/** Opens an SSE stream with these headers; collects events and notices when the server ends it. */
function listen(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const received: LiveEvent[] = [];
  let ended = false;
  let wake: () => void = () => {};
  const ready = fetch(url, { signal: controller.signal, headers }).then((res) => {
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, cut))?.[1];
            buffer = buffer.slice(cut + 2);
            if (data) received.push(LiveEvent.parse(JSON.parse(data)));
          }
          wake();
        }
      } catch {
        /* aborted */
      }
      ended = true;
      wake();
    })();
  });
  /** Waits (generously) until the condition holds; the condition, not the wait, is what a test asserts. */
  const until = async (pred: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!pred() && Date.now() < deadline) await new Promise<void>((r) => ((wake = r), setTimeout(r, 100)));
  };
  /** The reasons (tags) of the marks received, made or changed. */
  const marks = () => received.flatMap((e) => (e.type === 'mark.accepted' || e.type === 'mark.updated' ? [e.mark.reason ?? ''] : []));
  return { ready, until, marks, isEnded: () => ended, close: () => controller.abort() };
}

describe.each(dialects)('live stream access on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  let classB: string;
  let sessionA: string;
  let sessionB: string;
  beforeAll(async () => {
    api = await startApi(dialect, { eventPollMs: 50 });
    await api.call('POST', '/api/students', { studentId: 'SA1', name: 'Sam Class-A' });
    await api.call('POST', '/api/students', { studentId: 'SB1', name: 'Sue Class-B' });
    classA = (await api.call('POST', '/api/classes', { name: 'Streams A', studentIds: ['SA1'] })).body.id;
    classB = (await api.call('POST', '/api/classes', { name: 'Streams B', studentIds: ['SB1'] })).body.id;
    sessionA = (await api.call('POST', `/api/classes/${classA}/sessions`, {})).body.id;
    sessionB = (await api.call('POST', `/api/classes/${classB}/sessions`, {})).body.id;
  });
  afterAll(() => api.close());

  const events = (headers: Record<string, string>) => listen(`${api.base}/api/events`, headers);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** A hand mark by the admin, tagged by its reason; each call gives the student the other status, so each makes an event. */
  const late = new Set<string>();
  const mark = async (studentId: string, sessionId: string): Promise<string> => {
    const tag = `probe ${uuid()}`;
    const status = late.has(studentId) ? 'present' : 'late';
    if (status === 'late') late.add(studentId);
    else late.delete(studentId);
    const res = await api.call('POST', '/api/attendance', {
      marks: [{ id: uuid(), studentId, sessionId, deviceId: 'office', markedAt: new Date().toISOString(), method: 'manual', status, reason: tag }],
    });
    expect(res.body.results[0].status).toBe('accepted');
    return tag;
  };

  it('stops sending a revoked laptop marks and closes its stream', async () => {
    const device = await api.device([classA]);
    const laptop = events(bearer(device.token));
    const office = events(bearer(api.adminToken));
    await Promise.all([laptop.ready, office.ready]);
    const before = await mark('SA1', sessionA);
    await laptop.until(() => laptop.marks().includes(before));
    expect(laptop.marks()).toContain(before);

    expect((await api.call('DELETE', `/api/devices/${device.id}`)).status).toBe(200);
    const after = await mark('SA1', sessionA);
    await office.until(() => office.marks().includes(after));
    await laptop.until(() => laptop.isEnded() || laptop.marks().includes(after));
    expect(laptop.marks()).not.toContain(after);
    expect(laptop.isEnded()).toBe(true);
    office.close();
  });

  it('stops sending a teacher the marks of a class taken from them, and keeps sending their other class', async () => {
    const teacher = await api.teacher([classA, classB]);
    const stream = events(bearer(teacher.token));
    await stream.ready;
    await api.call('PATCH', `/api/users/${teacher.id}`, { classIds: [classA] });
    const inB = await mark('SB1', sessionB);
    const inA = await mark('SA1', sessionA);
    await stream.until(() => stream.marks().includes(inA));
    expect(stream.marks()).toEqual([inA]);
    expect(stream.marks()).not.toContain(inB);
    stream.close();
  });

  it('closes the stream of a teacher signed in with a browser session once the account is disabled', async () => {
    const teacher = await api.teacher([classA]);
    const signIn = await api.call('POST', '/api/auth/sign-in', { email: teacher.email, password: teacher.password }, { token: null });
    const stream = events({ cookie: signIn.headers.get('set-cookie')!.split(';')[0]! });
    await stream.ready;
    await api.call('PATCH', `/api/users/${teacher.id}`, { disabled: true });
    const after = await mark('SA1', sessionA);
    await stream.until(() => stream.isEnded() || stream.marks().includes(after));
    expect(stream.marks()).not.toContain(after);
    expect(stream.isEnded()).toBe(true);
  });

  it(`lets one caller hold ${STREAMS_PER_CALLER} streams, refusing more with a plain reason`, async () => {
    const device = await api.device([classA]);
    const open = Array.from({ length: STREAMS_PER_CALLER }, () => events(bearer(device.token)));
    await Promise.all(open.map((s) => s.ready));
    const extra = await fetch(`${api.base}/api/events`, { headers: bearer(device.token) });
    expect(extra.status).toBe(429);
    expect((await extra.json()).error).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('close another') });
    // Someone else is not affected.
    const admin = events(bearer(api.adminToken));
    await admin.ready;
    // Closing one frees its place (once the server has seen it go).
    open.pop()!.close();
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      const again = await fetch(`${api.base}/api/events`, { headers: bearer(device.token) });
      status = again.status;
      if (status === 200) await again.body!.cancel();
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
    for (const s of [...open, admin]) s.close();
  });
});
