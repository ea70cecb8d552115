// Hooks for the admin pages: accounts (teachers) and classroom laptops. Nothing here touches the
// local cache: accounts and devices live on the server only.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { JsonRouteName, RequestInput } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { queryClient } from './queryClient.ts';

function useAdminWrite<N extends JsonRouteName>(name: N, key: string) {
  return useMutation({
    mutationFn: (args: Partial<RequestInput<N>>) => call(name, args),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [key] }),
  });
}

export const useUsers = () => useQuery({ queryKey: ['users'], queryFn: () => call('listUsers') });
export const useCreateUser = () => useAdminWrite('createUser', 'users');
export const useUpdateUser = () => useAdminWrite('updateUser', 'users');

export const useDevices = () => useQuery({ queryKey: ['devices'], queryFn: () => call('listDevices') });
export const useCreateDevice = () => useAdminWrite('createDevice', 'devices');
export const useUpdateDevice = () => useAdminWrite('updateDevice', 'devices');
export const useRevokeDevice = () => useAdminWrite('revokeDevice', 'devices');

/** On the laptop: trade a pairing code for the device's cookie, then ask again who is signed in. */
export function usePairDevice() {
  return useMutation({
    mutationFn: (code: string) => call('pairDevice', { body: { code } }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
