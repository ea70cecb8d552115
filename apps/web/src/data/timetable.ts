// The timetable's server data for the admin's pages: read once into the query cache, and every
// change (periods, terms, covers) refreshes it.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { JsonRouteName, RequestInput } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { queryClient } from './queryClient.ts';

export const useTimetable = () => useQuery({ queryKey: ['timetable'], queryFn: () => call('getTimetable', { query: {} }) });

function useTimetableWrite<N extends JsonRouteName>(name: N) {
  return useMutation({
    mutationFn: (args: Partial<RequestInput<N>>) => call(name, args),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['timetable'] }),
  });
}

export const useCreatePeriod = () => useTimetableWrite('createPeriod');
export const useDeletePeriod = () => useTimetableWrite('deletePeriod');
export const useCreateTerm = () => useTimetableWrite('createTerm');
export const useDeleteTerm = () => useTimetableWrite('deleteTerm');
export const useCreateCover = () => useTimetableWrite('createCover');
export const useDeleteCover = () => useTimetableWrite('deleteCover');
