// Security probe, sign-in and accounts: throttling that parallel
// tries cannot race, growing delays instead of a lock-out, tokens that die with a password, and
// passwords nobody would guess first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThrottleLimits } from '../src/features/auth/auth.service.ts';
import { createServices } from '../src/services.ts';
import { ADMIN, dialects, freshDatabase, startApi, type TestApi } from './context.ts';

const SLOW: ThrottleLimits = { windowMs: 3_600_000, perPair: 5, perAccount: 8, perAddress: 12, baseDelayMs: 600_000, maxDelayMs: 3_600_000 };
const from = (address: string) => ({ 'x-forwarded-for': address });

describe.each(dialects)('sign-in and accounts on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect, { throttle: SLOW, trustProxy: true });
  });
  afterAll(() => api.close());

  const signIn = (email: string, password: string, address: string) =>
    api.call('POST', '/api/auth/sign-in', { email, password }, { token: null, headers: from(address) });

  // Finding 2.
  it('counts parallel wrong passwords before checking them: 150 at once get exactly the free attempts', async () => {
    await api.call('POST', '/api/users', { email: 'race@s.example', name: 'Race', role: 'teacher', password: 'race right password' });
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => signIn('race@s.example', `wrong ${i}`, '10.1.1.1')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SLOW.perPair);
    expect(statuses.filter((s) => s === 429)).toHaveLength(150 - SLOW.perPair);
  });

  // Finding 11.
  it('lets the right password in from a known address while strangers guess, and a NAT does not lock out its teachers', async () => {
    await api.call('POST', '/api/users', { email: 't1@s.example', name: 'T1', role: 'teacher', password: 'teacher one password' });
    expect((await signIn(ADMIN.email, ADMIN.password, '192.168.1.10')).status).toBe(200);
    expect((await signIn('t1@s.example', 'teacher one password', '203.0.113.7')).status).toBe(200);
    // Ten strangers, two guesses each, at the admin's account: the account-wide counter is spent.
    for (let i = 0; i < 10; i++) for (const g of ['a', 'b']) await signIn(ADMIN.email, `guess ${g}${i}`, `198.51.100.${i}`);
    expect((await signIn(ADMIN.email, ADMIN.password, '198.51.100.99')).status).toBe(429);
    expect((await signIn(ADMIN.email, ADMIN.password, '192.168.1.10')).status).toBe(200);
    // The school's NAT address: many wrong passwords for many accounts spend its address counter...
    for (let i = 0; i < 20; i++) await signIn(`pupil${i}@s.example`, 'not it at all', '203.0.113.7');
    expect((await signIn('someone@s.example', 'anything at all', '203.0.113.7')).status).toBe(429);
    // ...but a teacher who signed in there before still gets in.
    expect((await signIn('t1@s.example', 'teacher one password', '203.0.113.7')).status).toBe(200);
  });

  // Finding 3.
  it('ends personal tokens as well as sessions when a password changes', async () => {
    const teacher = await api.teacher([]);
    expect((await api.call('GET', '/api/auth/me', undefined, { token: teacher.token })).status).toBe(200);
    expect((await api.call('PATCH', `/api/users/${teacher.id}`, { password: 'a brand new passphrase' })).status).toBe(200);
    const after = await api.call('GET', '/api/auth/me', undefined, { token: teacher.token });
    expect(after.status).toBe(401);
  });

  // Finding 12.
  it('refuses blank, one-character and common passwords wherever a password is set', async () => {
    const weak = ['          ', ' \t \t \t \t \t ', 'aaaaaaaaaaaa', '1111111111', 'password123', 'Password1234', '1234567890', 'qwertyuiop', 'iloveyou123'];
    for (const password of weak) {
      const res = await api.call('POST', '/api/users', { email: `weak${weak.indexOf(password)}@s.example`, name: 'W', role: 'teacher', password });
      expect([password, res.status, res.body.error.code]).toEqual([password, 400, 'validation-failed']);
    }
    const me = (await api.call('GET', '/api/auth/me')).body.actor.user.id;
    expect((await api.call('PATCH', `/api/users/${me}`, { password: 'qwerty123456' })).status).toBe(400);
    expect((await api.call('POST', '/api/users', { email: 'ok@s.example', name: 'OK', role: 'teacher', password: 'maple kettle orbit' })).status).toBe(201);
  });
});

describe.each(dialects)('sign-in delays on %s', (dialect) => {
  // Finding 11: a clock the test moves, on a real database, shows the waits grow and then let the right password in.
  it('asks for growing waits after the free attempts, never a hard lock', async () => {
    const { database, drop } = await freshDatabase(dialect);
    let now = Date.parse('2026-03-02T08:00:00Z');
    const { auth } = createServices(
      { db: database.db, dialect, now: () => now, cooldownMs: 0 },
      { retentionDays: null, throttle: { windowMs: 3_600_000, perPair: 3, perAccount: 100, perAddress: 100, baseDelayMs: 1_000, maxDelayMs: 8_000 } },
    );
    try {
      await auth.setup({ email: 'head@s.example', name: 'Head', password: 'the head password' });
      const attempt = async (password: string) => {
        try {
          await auth.signIn('head@s.example', password, '10.0.0.5');
          return 'ok';
        } catch (err) {
          const e = err as { code: string; details?: { retryAfterSeconds?: number } };
          return e.code === 'rate-limited' ? `wait ${e.details?.retryAfterSeconds}` : e.code;
        }
      };
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) seen.push(await attempt('wrong'));
      seen.push(await attempt('the head password'));
      now += 1_000;
      seen.push(await attempt('wrong'), await attempt('the head password'));
      now += 2_000;
      seen.push(await attempt('wrong'), await attempt('wrong'));
      now += 4_000;
      seen.push(await attempt('wrong'));
      now += 8_000;
      seen.push(await attempt('wrong'));
      now += 8_000;
      seen.push(await attempt('the head password'), await attempt('wrong'));
      expect(seen).toEqual([
        'unauthenticated',
        'unauthenticated',
        'unauthenticated',
        'wait 1',
        'unauthenticated',
        'wait 2',
        'unauthenticated',
        'wait 4',
        'unauthenticated',
        'unauthenticated',
        'ok',
        'unauthenticated',
      ]);
    } finally {
      await database.close();
      await drop();
    }
  });
});
