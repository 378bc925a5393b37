import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { t } from '../../app/i18n/t.ts';

type PagerProps = {
  /** Names the navigation landmark: « Pages de la liste des utilisateurs ». */
  label: string;
  page: number;
  /** Known page count, or null when only « is there a next page » is known. */
  pageCount: number | null;
  hasNext: boolean;
  onChange: (page: number) => void;
};

/** « Page précédente », « Page 2 sur 5 », « Page suivante ». */
export function Pager({ label, page, pageCount, hasNext, onChange }: PagerProps) {
  const hasPrevious = page > 1;
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav aria-label={label}>
      <Group gap="sm" mt="md" wrap="wrap">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={16} aria-hidden="true" />}
          data-disabled={!hasPrevious || undefined}
          aria-disabled={!hasPrevious || undefined}
          onClick={() => hasPrevious && onChange(page - 1)}
        >
          {t('admin.pager.previous')}
        </Button>
        <Text size="sm" aria-live="polite">
          {pageCount === null ? t('admin.pager.pageOnly', { page }) : t('admin.pager.page', { page, pages: pageCount })}
        </Text>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={16} aria-hidden="true" />}
          data-disabled={!hasNext || undefined}
          aria-disabled={!hasNext || undefined}
          onClick={() => hasNext && onChange(page + 1)}
        >
          {t('admin.pager.next')}
        </Button>
      </Group>
    </nav>
  );
}
