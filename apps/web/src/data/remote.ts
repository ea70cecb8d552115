// Hooks for the API's resources. Every write is followed by a sync, so the local cache (and the
// matcher's gallery) reflect it at once and other devices get it at their next pull. Students are
// read from that cache (a live query), never through React Query: their writes invalidate nothing.
import { useMutation, useQuery } from '@tanstack/react-query';
import { deviceDay, MAX_REGISTER_CLASSES, type JsonRouteName, type RequestInput } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { services } from '../core/services.ts';
import { queryClient } from './queryClient.ts';

function useWrite<N extends JsonRouteName>(name: N, invalidate: string[] = []) {
  return useMutation({
    mutationFn: (args: Partial<RequestInput<N>>) => call(name, args),
    onSuccess: async () => {
      await Promise.all(invalidate.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
      await services.sync.syncNow();
    },
  });
}

export const useCreateStudent = () => useWrite('createStudent');
export const useUpdateStudent = () => useWrite('updateStudent');
export const useDeleteStudent = () => useWrite('deleteStudent');
export const useAddEmbeddings = () => useWrite('addEmbeddings');
export const useDeleteEmbedding = () => useWrite('deleteEmbedding', ['embeddings']);

/** A student's embeddings as the server holds them (metadata only): the student's page lists the learned ones. */
export function useStudentEmbeddings(studentId: string) {
  return useQuery({ queryKey: ['embeddings', studentId], queryFn: () => call('listEmbeddings', { params: { studentId } }) });
}

export const useSetConsent = () => useWrite('setConsent', ['consent']);
export const useBulkConsent = () => useWrite('setConsentBulk', ['consent']);
export const useUpdatePrivacySettings = () => useWrite('updatePrivacySettings', ['privacy']);

export function useStudentConsent(studentId: string | null) {
  return useQuery({ queryKey: ['consent', studentId], queryFn: () => call('getConsent', { params: { studentId: studentId! } }), enabled: !!studentId });
}

export function useConsentReport(classId: string | null) {
  return useQuery({ queryKey: ['consent', 'report', classId], queryFn: () => call('consentReport', { query: classId ? { classId } : {} }) });
}

export function usePrivacySettings() {
  return useQuery({ queryKey: ['privacy'], queryFn: () => call('getPrivacySettings') });
}

export const useCreateClass = () => useWrite('createClass', ['classes']);
export const useSetRoster = () => useWrite('setRoster', ['classes']);
export const useUpdateSession = () => useWrite('updateSession', ['sessions']);

/**
 * Whether any of these classes has ever had a session (the first-steps panel; a school sets up a
 * few classes first). Starting a session invalidates 'sessions', so it ticks at once.
 */
export function useAnySession(classIds: readonly string[]) {
  return useQuery({
    queryKey: ['sessions', 'any', ...classIds],
    queryFn: async () => {
      for (let i = 0; i < classIds.length; i += MAX_REGISTER_CLASSES) {
        const query = { classIds: classIds.slice(i, i + MAX_REGISTER_CLASSES), from: '2000-01-01', to: deviceDay(new Date()) };
        if ((await call('listRegisters', { query })).items.length > 0) return true;
      }
      return false;
    },
    enabled: classIds.length > 0,
  });
}

export function useCurrentSession(classId: string | null) {
  return useQuery({
    queryKey: ['sessions', classId, 'current'],
    queryFn: () => call('currentSession', { params: { id: classId! } }),
    enabled: !!classId,
    // Unanswered (no network), it asks again now and then: the page leaves the kept copy once it can.
    refetchInterval: (q) => (q.state.status === 'error' ? 10_000 : false),
  });
}

const refreshSessions = () => queryClient.invalidateQueries({ queryKey: ['sessions'] });

// Sessions are not part of the synced roster: starting or ending one refreshes the session
// queries (and the register) only.
export function useStartSession() {
  return useMutation({
    mutationFn: (a: { classId: string; lateAfterMinutes: number }) =>
      call('createSession', { params: { id: a.classId }, body: { lateAfterMinutes: a.lateAfterMinutes } }),
    onSuccess: refreshSessions,
  });
}

export function useEndSession() {
  return useMutation({
    mutationFn: (sessionId: string) => call('endSession', { params: { id: sessionId }, body: {} }),
    onSuccess: async () => {
      await refreshSessions();
      await queryClient.invalidateQueries({ queryKey: ['register'] });
    },
  });
}
