// The absences page's server data: a day's absences still to explain, explaining one, and the
// school's attendance codes (read by the records' CSV and statistics too, changed by an admin).
import { useMutation, useQuery } from '@tanstack/react-query';
import type { CodeSetBody, ExplainAbsenceBody } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { queryClient } from './queryClient.ts';

export const useAbsences = (day: string) =>
  useQuery({ queryKey: ['absences', day], queryFn: () => call('listAbsences', { query: { day } }), enabled: /^\d{4}-\d\d-\d\d$/.test(day) });

export function useExplainAbsence() {
  return useMutation({
    mutationFn: (body: ExplainAbsenceBody) => call('explainAbsence', { body }),
    // The explained mark changes the records and registers too.
    onSuccess: () => Promise.all(['absences', 'marks', 'register'].map((k) => queryClient.invalidateQueries({ queryKey: [k] }))),
  });
}

export const useAttendanceCodes = () => useQuery({ queryKey: ['attendance-codes'], queryFn: () => call('getAttendanceCodes') });

export function useSetAttendanceCodes() {
  return useMutation({
    mutationFn: (body: CodeSetBody) => call('setAttendanceCodes', { body }),
    onSuccess: (set) => queryClient.setQueryData(['attendance-codes'], set),
  });
}

/** A student's guardians, read only when someone asks to see how to reach them. */
export const useGuardians = (studentId: string, enabled: boolean) =>
  useQuery({ queryKey: ['guardians', studentId], queryFn: () => call('getGuardians', { params: { studentId } }), enabled });
