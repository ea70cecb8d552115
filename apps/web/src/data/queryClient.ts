// One query cache for the app. Errors from the API client carry codes; nothing retries a 4xx.
import { QueryClient } from '@tanstack/react-query';
import { ApiClientError } from '../api/client.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, err) => !(err instanceof ApiClientError && err.status >= 400 && err.status < 500) && count < 2,
      networkMode: 'always',
    },
    mutations: { networkMode: 'always' },
  },
});
