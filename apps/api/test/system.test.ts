// Health, API docs, configuration parsing, and the row types matching the migrated schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '@rollcall/contracts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { COLUMNS } from '../src/db/schema.ts';
import { LATEST_MIGRATION } from '../src/db/migrator.ts';
import { dialects, startApi, type TestApi } from './context.ts';

describe.each(dialects)('system on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('reports health with the database, migration level and version to an admin, and the status alone at the probe path', async () => {
    const res = await api.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { dialect, reachable: true, migration: LATEST_MIGRATION, pending: 0 } });
    expect(await api.call('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('serves an OpenAPI description covering every route, and a readable page', async () => {
    const doc = await api.call('GET', '/api/docs/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const def of Object.values(routes)) {
      const path = def.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.body.paths[path]?.[def.method.toLowerCase()], `${def.method} ${path}`).toBeDefined();
    }
    const create = doc.body.paths['/api/students'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['studentId', 'name']));
    const page = await api.call('GET', '/api/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('/api/attendance');
  });

  it('has exactly the columns the row types declare', async () => {
    const tables = await api.database.db.introspection.getTables();
    for (const [table, columns] of Object.entries(COLUMNS)) {
      const found = tables.find((t) => t.name === table);
      expect(found, table).toBeDefined();
      expect(found!.columns.map((c) => c.name).sort(), table).toEqual(Object.keys(columns).sort());
    }
  });

  it('sets security headers', async () => {
    const res = await api.call('GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('configuration', () => {
  it('defaults to the embedded SQLite database on port 8080', () => {
    expect(loadConfig({})).toMatchObject({ port: 8080, database: { dialect: 'sqlite', file: './data/rollcall.sqlite' }, cooldownSeconds: 60 });
  });

  it('reads MySQL and SQLite URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/rollcall' }).database).toMatchObject({ dialect: 'mysql', url: 'mysql://u:p@db:3306/rollcall' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({ dialect: 'sqlite', file: '/tmp/x.sqlite' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://host-only' }, 'DATABASE_URL'],
    [{ COOLDOWN_SECONDS: '-5' }, 'COOLDOWN_SECONDS'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
  ])('stops on a bad value and names the variable: %o', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message.startsWith(`${variable}:`)).toBe(true);
  });
});
