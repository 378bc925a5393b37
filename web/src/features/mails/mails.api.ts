import { MailListResponseSchema } from '@cerise/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

export function useMails(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['mails', page, pageSize],
    queryFn: () => api.get(`/api/v1/mails?page=${page}&pageSize=${pageSize}`, { schema: MailListResponseSchema }),
    placeholderData: keepPreviousData,
    // New mails arrive while the page is open (a reset in another tab…).
    refetchOnWindowFocus: true,
  });
}
