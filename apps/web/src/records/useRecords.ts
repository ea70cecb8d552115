// The records page's data: marks, sessions, statistics and audit trails from the API, and the
// corrections that change them. Components use these hooks, never `call` or fetch themselves.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { Mark, MarkStatus } from '@rollcall/contracts';
import { call } from '../api/client.ts';
import { queryClient } from '../data/queryClient.ts';
import type { MarksQuery } from '../data/records-filter.ts';

export const PAGE_SIZE = 50;
/** The API's largest page: the export and the totals read the whole filter in pages of this. */
const ALL_PAGE = 500;

export function useClassList() {
  return useQuery({ queryKey: ['classes', 'list'], queryFn: () => call('listClasses') });
}

export function useSessions(classId: string) {
  return useQuery({ queryKey: ['sessions', classId, 'list'], queryFn: () => call('listSessions', { params: { id: classId } }), enabled: !!classId });
}

export function useMarkPage(query: MarksQuery, offset: number, enabled: boolean) {
  return useQuery({
    queryKey: ['marks', 'page', query, offset],
    queryFn: () => call('listMarks', { query: { ...query, limit: PAGE_SIZE, offset } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every mark of the filter, page after page, in the API's order (newest first). */
export async function fetchAllMarks(query: MarksQuery): Promise<Mark[]> {
  const all: Mark[] = [];
  for (;;) {
    const page = await call('listMarks', { query: { ...query, limit: ALL_PAGE, offset: all.length } });
    all.push(...page.items);
    // Stop on a short page too: marks cleared while paging must not loop forever.
    if (page.items.length < ALL_PAGE || all.length >= page.total) return all;
  }
}

export function useAllMarks(query: MarksQuery, enabled: boolean) {
  return useQuery({ queryKey: ['marks', 'all', query], queryFn: () => fetchAllMarks(query), enabled });
}

export function useDailyStats(from: string, to: string, classId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['marks', 'stats', from, to, classId],
    queryFn: () => call('stats', { query: { from, to, ...(classId && { classId }) } }),
    enabled,
  });
}

export function useMarkAudit(markId: string) {
  return useQuery({ queryKey: ['marks', 'audit', markId], queryFn: () => call('markAudit', { params: { id: markId } }) });
}

const refreshMarks = () => queryClient.invalidateQueries({ queryKey: ['marks'] });

export function useChangeStatus() {
  return useMutation({
    mutationFn: (v: { markId: string; status: MarkStatus; reason: string }) =>
      call('updateMark', { params: { id: v.markId }, body: { status: v.status, ...(v.reason.trim() && { reason: v.reason.trim() }) } }),
    onSuccess: refreshMarks,
  });
}

export function useClearSessionLog() {
  return useMutation({
    mutationFn: (v: { sessionId: string; reason: string }) =>
      call('clearSessionMarks', { params: { id: v.sessionId }, body: v.reason.trim() ? { reason: v.reason.trim() } : {} }),
    onSuccess: refreshMarks,
  });
}

export function useExportCsv() {
  return useMutation({ mutationFn: (query: MarksQuery) => fetchAllMarks(query) });
}
