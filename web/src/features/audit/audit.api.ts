import { AuditListResponseSchema } from '@cerise/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

export type AuditFilters = {
  from: string;
  to: string;
  userId: string;
  action: string;
  includeSignIns: boolean;
  page: number;
  pageSize: number;
};

export function auditPath(f: AuditFilters): string {
  const q = new URLSearchParams();
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.userId) q.set('userId', f.userId);
  if (f.action) q.set('action', f.action);
  if (f.includeSignIns) q.set('includeSignIns', 'true');
  q.set('page', String(f.page));
  q.set('pageSize', String(f.pageSize));
  return `/api/v1/audit?${q.toString()}`;
}

export function useAuditEntries(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: () => api.get(auditPath(filters), { schema: AuditListResponseSchema }),
    placeholderData: keepPreviousData,
  });
}
