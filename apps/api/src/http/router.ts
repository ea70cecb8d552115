// Binds the contracts' route table to handlers. This is the one place every request passes
// through: parsing with the shared schemas, (later) the access check, and error forwarding.
import express, { type Request, type RequestHandler, type Router } from 'express';
import type { z } from 'zod';
import { routes, type ParsedRequest, type ResponseOf, type RouteDef, type RouteName, type Routes } from '@rollcall/contracts';
import { ApiError } from './errors.ts';

type JsonRoutes = { [N in RouteName]: Routes[N] extends { stream: true } ? never : N }[RouteName];
type StreamRoutes = Exclude<RouteName, JsonRoutes>;

export type Handler<N extends RouteName> = (req: ParsedRequest<N>) => Promise<ResponseOf<N>>;
export type Handlers = { [N in JsonRoutes]: Handler<N> };
export type StreamHandlers = { [N in StreamRoutes]: RequestHandler };

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0];
  const detail = first ? ` ${first.path ? `${first.path}: ` : ''}${first.message}` : '';
  throw new ApiError('validation-failed', `Invalid request ${where}.${detail}`, { where, issues });
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

export function parseRequest(def: RouteDef, req: Request): { params: unknown; query: unknown; body: unknown } {
  if (def.body && hasBody(req) && !req.is('application/json')) {
    throw new ApiError('unsupported-media-type', 'Send the body as JSON (Content-Type: application/json).');
  }
  if (!def.body && req.body !== undefined && hasBody(req)) {
    throw new ApiError('validation-failed', 'This endpoint takes no request body.');
  }
  // Express keeps unknown query keys and arrays for repeated keys: the strict schemas refuse both.
  const query = def.query ? req.query : Object.keys(req.query).length ? req.query : undefined;
  if (!def.query && query !== undefined) throw new ApiError('validation-failed', 'This endpoint takes no query parameters.');
  return {
    params: parsePart(def.params, { ...req.params }, 'params'),
    query: parsePart(def.query, query ?? {}, 'query'),
    body: parsePart(def.body, req.body, 'body'),
  };
}

export interface RouterOptions {
  validateResponses: boolean;
}

export function buildRouter(handlers: Handlers, streams: StreamHandlers, opts: RouterOptions): Router {
  const router = express.Router();
  for (const [name, def] of Object.entries(routes) as [RouteName, RouteDef][]) {
    const method = def.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    if (def.stream) {
      router[method](def.path, streams[name as StreamRoutes]);
      continue;
    }
    const handler = handlers[name as JsonRoutes] as (req: unknown) => Promise<unknown>;
    router[method](def.path, async (req, res, next) => {
      try {
        const parsed = parseRequest(def, req);
        const result = await handler(parsed);
        // Outside production every answer is checked against its own contract.
        if (opts.validateResponses) {
          const check = def.response.safeParse(result);
          if (!check.success) throw new Error(`response of ${name} breaks its contract: ${JSON.stringify(issuesOf(check.error))}`);
        }
        res.status(def.status ?? 200).json(result);
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
