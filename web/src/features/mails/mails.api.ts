import { MailListResponseSchema } from '@cerise/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { sendJson } from '../users/admin-http.ts';

export function useMails(page: number, pageSize: number) {
  return useQuery({
    queryKey: ['mails', page, pageSize],
    queryFn: () => sendJson('GET', `/api/v1/mails?page=${page}&pageSize=${pageSize}`, undefined, MailListResponseSchema),
    placeholderData: keepPreviousData,
    // New mails arrive while the page is open (a reset in another tab…).
    refetchOnWindowFocus: true,
  });
}
