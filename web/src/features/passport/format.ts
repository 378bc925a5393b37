/** `aaaa-mm-jj` (or an ISO instant) as « jj/mm/aaaa ». */
export function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export const personLabel = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
