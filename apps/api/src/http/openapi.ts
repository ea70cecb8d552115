// The OpenAPI 3.1 description, generated from the same route table and schemas that validate
// requests, so the docs cannot disagree with the server.
import { z } from 'zod';
import { ERROR_CODES, ERROR_STATUS, routes, type RouteDef } from '@rollcall/contracts';
import { VERSION } from '../features/system/health.service.ts';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function parameters(def: RouteDef) {
  const out: unknown[] = [];
  for (const where of ['params', 'query'] as const) {
    const schema = def[where];
    if (!schema) continue;
    const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where === 'params' ? 'path' : 'query', required: where === 'params' || (json.required ?? []).includes(name), schema: s });
    }
  }
  return out;
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, def] of Object.entries(routes) as [string, RouteDef][]) {
    const path = def.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const errorStatuses = [...new Set(Object.values(ERROR_STATUS))].sort();
    paths[path] ??= {};
    paths[path][def.method.toLowerCase()] = {
      operationId: name,
      summary: def.summary,
      tags: [def.tag],
      parameters: parameters(def),
      ...(def.body && { requestBody: { required: true, content: { 'application/json': { schema: toSchema(def.body, 'input') } } } }),
      responses: {
        [String(def.status ?? 200)]: def.stream
          ? { description: 'text/event-stream of LiveEvent', content: { 'text/event-stream': { schema: { type: 'string' } } } }
          : { description: 'Success', content: { 'application/json': { schema: toSchema(def.response, 'output') } } },
        ...Object.fromEntries(errorStatuses.map((s) => [String(s), { $ref: '#/components/responses/Error' }])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Rollcall API', version: VERSION, description: 'Students, face embeddings (never photos), classes, sessions and attendance.' },
    paths,
    components: {
      responses: {
        Error: {
          description: 'An error with a code from a closed set',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['error'],
                properties: {
                  error: {
                    type: 'object',
                    required: ['code', 'message'],
                    properties: { code: { enum: ERROR_CODES }, message: { type: 'string' }, details: {} },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}

/** A small self-contained page (no CDN: schools' networks and this one may be offline). */
export function docsPage(doc: Record<string, unknown>): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const rows = Object.entries(doc.paths as Record<string, Record<string, { summary: string; operationId: string; tags: string[] }>>)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}</td><td>${esc(op.tags.join(', '))}</td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rollcall API</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1a2230}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dde3ea;padding:.45rem;text-align:left;vertical-align:top}code{font-size:13px}</style></head>
<body><h1>Rollcall API ${esc(VERSION)}</h1><p>Every request is validated against these schemas; errors are <code>{"error":{"code","message","details?"}}</code>. The full machine-readable description is at <a href="/api/docs/openapi.json">/api/docs/openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Area</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
