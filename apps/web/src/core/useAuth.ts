// Who is signed in. The last known session is kept locally, so a classroom laptop that lost its
// network still opens signed in (the cookie is HttpOnly; the API decides again once online).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Me } from '@rollcall/contracts';
import { ApiClientError, call } from '../api/client.ts';
import { queryClient } from '../data/queryClient.ts';
import { cachedMe, rememberMe } from '../local/device-state.ts';
import { errorText } from '../ui/messages.ts';
import { t } from './i18n.ts';
import { heardMe } from './language-choice.ts';

export type AuthState =
  { status: 'loading' } | { status: 'needs-setup' } | { status: 'signed-out'; error?: string } | { status: 'signed-in'; me: Me; offline: boolean };

async function loadAuth(): Promise<AuthState> {
  try {
    const me = await call('me');
    rememberMe(me);
    // The person's language and the school's come with the answer: speak them before it is shown.
    await heardMe(me);
    return { status: 'signed-in', me, offline: false };
  } catch (err) {
    if (err instanceof ApiClientError && err.code === 'network') {
      const me = cachedMe();
      return me
        ? { status: 'signed-in', me, offline: true }
        : {
            status: 'signed-out',
            error: t({ id: 'core.auth.offlineNeverSignedIn', defaultMessage: 'You are offline and this device has not signed in before.' }),
          };
    }
    if (err instanceof ApiClientError && err.code === 'unauthenticated') {
      rememberMe(null);
      await heardMe(null);
      const setup = await call('setupStatus').catch(() => ({ needsAdmin: false }));
      return setup.needsAdmin ? { status: 'needs-setup' } : { status: 'signed-out' };
    }
    throw err;
  }
}

export function useAuth(): AuthState {
  const q = useQuery({
    queryKey: ['auth'],
    queryFn: loadAuth,
    staleTime: 60_000,
    refetchOnWindowFocus: true,
    // Opened offline from the remembered session: ask again until the server answers, so the
    // "offline session" badge goes as soon as the network is back.
    refetchInterval: (query) => (query.state.data?.status === 'signed-in' && query.state.data.offline ? 5_000 : false),
  });
  if (q.data) return q.data;
  if (q.error) return { status: 'signed-out', error: errorText(q.error) };
  return { status: 'loading' };
}

const afterSignIn = () => queryClient.invalidateQueries();

export function useSignIn() {
  return useMutation({ mutationFn: (body: { email: string; password: string }) => call('signIn', { body }), onSuccess: afterSignIn });
}

export function useSetup() {
  return useMutation({ mutationFn: (body: { email: string; name: string; password: string }) => call('setup', { body }), onSuccess: afterSignIn });
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => call('signOut'),
    onSettled: () => {
      rememberMe(null);
      void heardMe(null);
      queryClient.clear();
      void queryClient.invalidateQueries();
    },
  });
}

export function isAdmin(state: AuthState): boolean {
  return state.status === 'signed-in' && state.me.actor.kind === 'user' && state.me.actor.user.role === 'admin';
}
