import { Button, Group, Text, type MantineSpacing } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { t } from '../app/i18n/t.ts';

/** How many pages `total` rows make, `pageSize` a page (at least one). */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** « Page précédente » or « Page suivante »; at an end, marked disabled but still focusable. */
function StepButton({ forward, enabled, onClick }: { forward: boolean; enabled: boolean; onClick: () => void }) {
  const icon = forward ? <IconChevronRight size={16} aria-hidden="true" /> : <IconChevronLeft size={16} aria-hidden="true" />;
  return (
    <Button
      variant="default"
      size="xs"
      {...(forward ? { rightSection: icon } : { leftSection: icon })}
      data-disabled={!enabled || undefined}
      aria-disabled={!enabled || undefined}
      onClick={() => enabled && onClick()}
    >
      {forward ? t('admin.pager.next') : t('admin.pager.previous')}
    </Button>
  );
}

type PagerProps = {
  /** Names the navigation landmark: « Pages de la liste des utilisateurs ». */
  label: string;
  page: number;
  /** Known page count, or null when only « is there a next page » is known. */
  pageCount: number | null;
  /** Whether there is a next page; by default, whether `page` is before `pageCount`. */
  hasNext?: boolean;
  /** Said after the page number, in brackets: « Lignes 51 à 100 sur 240 ». */
  detail?: string;
  mt?: MantineSpacing;
  onChange: (page: number) => void;
};

/** « Page précédente », « Page 2 sur 5 », « Page suivante ». */
export function Pager({ label, page, pageCount, hasNext = pageCount !== null && page < pageCount, detail, mt = 'md', onChange }: PagerProps) {
  const hasPrevious = page > 1;
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav aria-label={label}>
      <Group gap="sm" mt={mt} wrap="wrap">
        <StepButton forward={false} enabled={hasPrevious} onClick={() => onChange(page - 1)} />
        <Text size="sm" aria-live="polite">
          {pageCount === null ? t('admin.pager.pageOnly', { page }) : t('admin.pager.page', { page, pages: pageCount })}
          {detail && ` (${detail})`}
        </Text>
        <StepButton forward enabled={hasNext} onClick={() => onChange(page + 1)} />
      </Group>
    </nav>
  );
}
