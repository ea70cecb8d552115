// The CLI's one door to the Rollcall API: the contracts' client over the route table with a bearer
// token. Failures are ClientError, which main.ts prints with its code.
import { createClient, routes, type Client, type Routes } from '@rollcall/contracts';

export type ApiClient = Client<Routes> & { readonly base: string };

export function apiClient(base: string, token: string | undefined): ApiClient {
  const baseUrl = base.replace(/\/+$/, '');
  return Object.assign(createClient(routes, { baseUrl, ...(token && { token }) }), { base: baseUrl });
}
