// The records page's register data: a class's session registers over days, and attendance rates
// per student (all, or those under a threshold).
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client.ts';

export function useRegisters(classId: string, from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ['register', 'list', classId, from, to],
    queryFn: () => call('listRegisters', { query: { classId, from, to } }),
    enabled: enabled && !!classId,
  });
}

export function useRates(from: string, to: string, classId: string, below: number | null, enabled: boolean) {
  return useQuery({
    queryKey: ['rates', from, to, classId, below],
    queryFn: () => call('attendanceRates', { query: { from, to, ...(classId && { classId }), ...(below !== null && { below }) } }),
    enabled,
  });
}
