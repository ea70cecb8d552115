// Classroom laptop pairing: the short code shown once at registration is traded for the device's
// session cookie exactly once, before it expires; revoking the device ends it; wrong guesses from
// one address are told to wait. Both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startApi, type TestApi } from './context.ts';

describe.each(dialects)('laptop pairing on %s', (dialect) => {
  let api: TestApi;
  let classA: string;
  beforeAll(async () => {
    api = await startApi(dialect);
    await api.call('POST', '/api/students', { studentId: 'P1', name: 'Pat One' });
    classA = (await api.call('POST', '/api/classes', { name: 'Pairing A', studentIds: ['P1'] })).body.id;
  });
  afterAll(() => api.close());

  const register = async (name: string) => (await api.call('POST', '/api/devices', { name, classIds: [classA] })).body;
  const pair = (code: string) => api.call('POST', '/api/devices/pair', { code }, { token: null });
  const cookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie')?.split(';')[0] ?? null;

  it('gives a short code with the token and trades it, typed loosely, for a device session', async () => {
    const created = await register('Room 12');
    expect(created.pairing.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(created.pairing.expiresAt)).toBeGreaterThan(Date.now());
    const typed = created.pairing.code.toLowerCase().replace('-', ' ');
    const res = await pair(typed);
    expect(res.status).toBe(200);
    expect(res.body.device).toEqual({ id: created.device.id, name: 'Room 12', classIds: [classA] });
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/^rollcall_device=rcd_/);
    // The cookie carries the very token shown to the admin (one token per device, not a second one).
    expect(decodeURIComponent(cookie.split('=').slice(1).join('='))).toBe(created.token);
    const me = await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie } });
    expect(me.body.actor).toMatchObject({ kind: 'device', device: { id: created.device.id } });
    const roster = await api.call('GET', `/api/classes/${classA}/students`, undefined, { token: null, headers: { cookie } });
    expect(roster.status).toBe(200);
  });

  it('accepts a code once only', async () => {
    const { pairing } = await register('Room 13');
    expect((await pair(pairing.code)).status).toBe(200);
    const again = await pair(pairing.code);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('pairing-code-invalid');
    expect(cookieOf(again)).toBeNull();
  });

  it('refuses the code of a revoked device, and a revoked device cookie stops working', async () => {
    const first = await register('Room 14');
    const paired = cookieOf(await pair(first.pairing.code))!;
    const second = await register('Room 15');
    await api.call('DELETE', `/api/devices/${second.device.id}`);
    expect((await pair(second.pairing.code)).body.error.code).toBe('pairing-code-invalid');
    await api.call('DELETE', `/api/devices/${first.device.id}`);
    expect((await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie: paired } })).status).toBe(401);
  });

  it('refuses a malformed code with a validation error that names the rule', async () => {
    const res = await pair('12');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation-failed');
    expect(res.body.error.message).toContain('8 letters and digits');
  });

  it('lets a person sign in on a paired laptop and, signed out, leaves the laptop paired; signing out the device unpairs it', async () => {
    const { pairing, device } = await register('Room 16');
    const deviceCookie = cookieOf(await pair(pairing.code))!;
    const signIn = await api.call('POST', '/api/auth/sign-in', { email: 'admin@school.example', password: 'correct horse battery staple' }, { token: null });
    const both = `${deviceCookie}; ${cookieOf(signIn)!}`;
    expect((await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie: both } })).body.actor.kind).toBe('user');
    const personOut = await api.call('POST', '/api/auth/sign-out', undefined, { token: null, headers: { cookie: both } });
    expect(personOut.headers.get('set-cookie')).not.toContain('rollcall_device=;');
    expect((await api.call('GET', '/api/auth/me', undefined, { token: null, headers: { cookie: deviceCookie } })).body.actor.device.id).toBe(device.id);
    const deviceOut = await api.call('POST', '/api/auth/sign-out', undefined, { token: null, headers: { cookie: deviceCookie } });
    expect(deviceOut.headers.get('set-cookie')).toContain('rollcall_device=;');
  });

  it('tells an address that keeps guessing to wait, and still lets the right code through', async () => {
    const { pairing } = await register('Room 17');
    // The tests above already spent two wrong tries from this address: the limit is 10 a window.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await pair('ZZZZ-ZZZZ')).status);
    expect(statuses).toEqual([...Array<number>(8).fill(400), 429, 429, 429]);
    // The right code is never locked out by guesses from the same address (a school shares one).
    expect((await pair(pairing.code)).status).toBe(200);
  });
});
