// Hostile input over every endpoint: wrong types, SQL-like strings, huge numbers, deeply nested
// and enormous JSON, invalid UTF-8, path tricks. Nothing may answer 5xx, nothing may be stored,
// and the server must keep answering. Seeded, so a failure replays exactly.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteDef } from '@rollcall/contracts';
import { dialects, startApi, uuid, type TestApi } from './context.ts';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  1.5,
  '',
  ' ',
  'x'.repeat(10_000),
  "' OR '1'='1",
  "Robert'); DROP TABLE students;--",
  '"; SELECT SLEEP(5); --',
  '\\',
  '%',
  '_',
  '\u0000',
  '\ud800',
  '💥'.repeat(100),
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${jndi:ldap://x}',
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  '2026-02-30T10:00:00Z',
  '9999-99-99',
  'NaN',
  'Infinity',
  '-0',
];
const PATH_TRICKS = ['..%2F..%2Fetc%2Fpasswd', '%00', '%2e%2e', 'a'.repeat(300), "S001'--", '%E0%A4%A', '..', '%252e', '😀', 'null'];

/** Percent-encodes, sending a lone surrogate as the invalid bytes it would be. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

function mutate(rand: () => number, template: Record<string, unknown>): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const body: Record<string, unknown> = { ...template };
  const keys = Object.keys(body);
  // Several hostile values, plus one change that is always invalid, so nothing can be stored.
  for (const k of keys) if (rand() < 0.4) body[k] = pick(HOSTILE);
  const always = [
    () => (body[`extra_${Math.floor(rand() * 1000)}`] = pick(HOSTILE)),
    // Each of these is the wrong type (or out of range) for every field of every template.
    () => keys.length && (body[pick(keys)] = pick([[[]], 1e308, { nested: deep(50) }])),
  ];
  pick(always)();
  return rand() < 0.1 ? [body] : body;
}

const TEMPLATES: Record<string, Record<string, unknown>> = {
  createStudent: { studentId: 'Z1', name: 'Zed', email: 'z@s.example' },
  updateStudent: { name: 'Zed', email: null },
  addEmbeddings: { embeddings: [{ modelId: 'faceapi-resnet@1.7.15', vector: 'AAAA', quality: 0.5, sourceHash: 'a'.repeat(64) }] },
  createClass: { name: 'Fuzz', studentIds: [] },
  updateClass: { name: 'Fuzz' },
  setRoster: { studentIds: [] },
  createSession: { lateAfterMinutes: 5 },
  updateSession: { lateAfterMinutes: 5 },
  postMarks: { marks: [{ id: '00000000-0000-4000-8000-000000000000', studentId: 'S1', deviceId: 'd', markedAt: '2026-11-24T08:00:00Z', method: 'face' }] },
  updateMark: { status: 'present' },
  createUser: { email: 'f@s.example', name: 'F', role: 'teacher', password: 'long password 123' },
  updateUser: { name: 'F' },
  setClassTeachers: { userIds: [] },
  createToken: { name: 'x' },
  createDevice: { name: 'x', classIds: [] },
  signIn: { email: 'f@s.example', password: 'x' },
  setup: { email: 'f@s.example', name: 'F', password: 'long password 123' },
};

/** Sends raw bytes, which fetch would refuse to (invalid UTF-8, lying lengths). */
function rawRequest(base: string, method: string, path: string, body: Buffer, headers: Record<string, string>) {
  const url = new URL(path, base);
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: url.pathname + url.search, headers: { 'content-length': String(body.length), ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const TABLES = ['students', 'face_embeddings', 'classes', 'class_students', 'class_sessions', 'attendance_marks', 'users', 'api_tokens', 'change_log'] as const;

describe.each(dialects)('hostile input on %s', (dialect) => {
  let api: TestApi;
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (t) => [
          t,
          Number(
            (
              await api.database.db
                .selectFrom(t)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ]),
      ),
    );
  beforeAll(async () => {
    api = await startApi(dialect, { bodyLimit: '256kb' });
    await api.call('POST', '/api/students', { studentId: 'S1', name: 'One' });
  });
  afterAll(() => api.close());

  it('never answers 5xx, stores nothing and keeps answering', async () => {
    const before = await counts();
    const rand = prng(20261124);
    const statuses = new Map<number, number>();
    const seen = (s: number, what: string) => {
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
      expect(s, what).toBeLessThan(500);
    };
    for (const [name, def] of Object.entries(routes) as [string, RouteDef][]) {
      if (def.stream) continue;
      for (let i = 0; i < 12; i++) {
        const path = def.path.replace(/:([A-Za-z]+)/g, () => (rand() < 0.7 ? PATH_TRICKS[Math.floor(rand() * PATH_TRICKS.length)]! : uuid()));
        const query =
          def.method === 'GET' && rand() < 0.5
            ? `?${['q', 'limit', 'offset', 'since', 'from', 'to', 'classId', 'x'][Math.floor(rand() * 8)]}=${enc(String(HOSTILE[Math.floor(rand() * HOSTILE.length)]))}`
            : '';
        const template = TEMPLATES[name];
        const body = def.method === 'GET' ? undefined : template ? mutate(rand, template) : rand() < 0.3 ? { unexpected: true } : undefined;
        const res = await api.call(def.method, path + query, body, rand() < 0.2 ? { token: null } : {});
        seen(res.status, `${def.method} ${path}${query} ${JSON.stringify(body)?.slice(0, 200)}`);
        if (res.status >= 400) expect(res.body.error.code, `${def.method} ${path}`).toBeTypeOf('string');
      }
    }
    // Whole-request attacks.
    const post = (p: string, payload: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      rawRequest(api.base, 'POST', p, Buffer.isBuffer(payload) ? payload : Buffer.from(payload), { authorization: `Bearer ${api.adminToken}`, ...headers });
    seen(await post('/api/students', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), 'deeply nested');
    seen(await post('/api/students', `[${'1,'.repeat(200_000)}1]`), 'enormous');
    seen(await post('/api/students', Buffer.from([0x7b, 0x22, 0x73, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), 'invalid utf-8');
    seen(
      await post('/api/students', Buffer.concat([Buffer.from('{"studentId":"U1","name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')])),
      'invalid utf-8 in a value',
    );
    seen(await post('/api/students', '{"studentId":"N1","name":"x","name":"y","__proto__":{"x":1}}'), 'duplicate keys and __proto__');
    seen(await post('/api/students', '{"studentId": 1e999, "name": "x"}'), 'number overflow');
    seen(await post('/api/students', '{"studentId":"S2","name":"x"}', { 'content-type': 'application/json; charset=latin1' }), 'charset');
    seen(await post('/api/attendance', '{"marks":[', { 'content-type': 'application/json' }), 'truncated');
    seen(await post('/api/students', 'x'.repeat(300_000)), 'over the body limit');
    seen(await rawRequest(api.base, 'GET', '/api/students/%ZZ', Buffer.alloc(0), { authorization: `Bearer ${api.adminToken}` }), 'bad escape');

    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(await counts()).toEqual(before);
    expect((await api.call('GET', '/api/health')).body.status).toBe('ok');
    expect((await api.call('GET', '/api/students/S1')).body.name).toBe('One');
  });
});
