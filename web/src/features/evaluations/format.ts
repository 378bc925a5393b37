/** `2026-11-20` → `20/11/2026`. */
export const formatDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** An ISO instant → `10:42` in the browser's time. */
export const formatTime = (iso: string) => new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });

export const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
