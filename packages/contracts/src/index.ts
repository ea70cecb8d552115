// @rollcall/contracts: everything that crosses the wire between API, web app and CLI.
export * from './api.ts';
export * from './attendance.ts';
export * from './auth.ts';
export * from './classes.ts';
export * from './codec.ts';
export * from './common.ts';
export * from './embeddings.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './models.ts';
export * from './students.ts';
export * from './sync.ts';
export * from './vector.ts';
export * from './client/client-error.ts';
export * from './client/create-client.ts';
export * from './client/retry-after.ts';
export * from './enrolment.ts';
