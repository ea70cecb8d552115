// Hooks for guardians and their absence notices: a student's guardians and notices (the student's
// page), and the school's notice settings (admins). They live on the server only.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { RequestInput } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { queryClient } from './queryClient.ts';

export function useGuardians(studentId: string) {
  return useQuery({ queryKey: ['guardians', studentId], queryFn: () => call('getGuardians', { params: { studentId } }) });
}

export function useSetGuardians(studentId: string) {
  return useMutation({
    mutationFn: (body: RequestInput<'setGuardians'>['body']) => call('setGuardians', { params: { studentId }, body }),
    onSuccess: (saved) => queryClient.setQueryData(['guardians', studentId], saved),
  });
}

export function useStudentNotices(studentId: string) {
  return useQuery({ queryKey: ['notices', studentId], queryFn: () => call('listNotices', { params: { studentId } }) });
}

export function useNoticeSettings() {
  return useQuery({ queryKey: ['notice-settings'], queryFn: () => call('getNoticeSettings') });
}

export function useUpdateNoticeSettings() {
  return useMutation({
    mutationFn: (body: RequestInput<'updateNoticeSettings'>['body']) => call('updateNoticeSettings', { body }),
    onSuccess: (saved) => queryClient.setQueryData(['notice-settings'], saved),
  });
}
