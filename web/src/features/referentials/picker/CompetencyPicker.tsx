import type { Competency } from '@cerise/common';
import { Box, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useCallback, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { t } from '../../../app/i18n/t.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../../ui/PageLoader.tsx';
import { useReferentialTree, useResolvedReferentialId } from '../referentials.api.ts';
import { indexTree, searchCompetencies } from '../referentials.search.ts';
import { CompetencySearchField } from './CompetencySearchField.tsx';
import { PickerTree, SearchResults } from './PickerTree.tsx';
import { SelectedCompetencies } from './SelectedCompetencies.tsx';
import { selectCompetency, unselectCompetency, type CompetencySelection } from './selection.ts';

export type { CompetencySelection } from './selection.ts';

export type CompetencyPickerProps = {
  /** The chosen competencies, in order, each with its ticked complexities and hazards. */
  value: CompetencySelection[];
  onChange: (value: CompetencySelection[]) => void;
  /** The referential to pick from; the establishment's first one when absent. */
  referentialId?: string;
  /** Several competencies (default) or only one. */
  multiple?: boolean;
  /** Read only: the selection is shown, nothing can change. */
  disabled?: boolean;
  /** Competency id → why it cannot be chosen (e.g. blocked for this learner). */
  blocked?: Record<string, string>;
  /** Blocked competencies are hidden (with a note) instead of shown disabled with their reason. */
  hideBlocked?: boolean;
  /** « Monter » / « Descendre » and drag and drop; by default when `multiple`. */
  orderable?: boolean;
  /** The squares to tick complexities and hazards (default true; false for a plain filter). */
  withItems?: boolean;
  /** Level of the picker's two headings (default 2). */
  headingLevel?: 2 | 3 | 4;
  /** Heading of the choosing part (default « Choisir les compétences »). */
  label?: string;
};

const NO_BLOCKED: Record<string, string> = {};

/**
 * The competency picker, one component for scenarios, evaluations, the passport and the
 * dashboard filters (docs/guide.md §§3.5.2, 3.6.2): the referential as a tree unfolded by clicking the
 * titles, a search by code or words, and below the « compétences sélectionnées » with their
 * squares for complexities and hazards. Controlled: `value` in, `onChange` out.
 */
export function CompetencyPicker({
  value,
  onChange,
  referentialId,
  multiple = true,
  disabled = false,
  blocked = NO_BLOCKED,
  hideBlocked = false,
  orderable,
  withItems = true,
  headingLevel = 2,
  label,
}: CompetencyPickerProps) {
  const baseId = useId();
  const chooseHeadingId = `${baseId}-choose`;
  const selectedHeadingRef = useRef<HTMLHeadingElement>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [announcement, setAnnouncement] = useState('');

  const resolved = useResolvedReferentialId(referentialId);
  const tree = useReferentialTree(resolved.referentialId);
  const index = useMemo(() => (tree.data ? indexTree(tree.data) : null), [tree.data]);
  const results = useMemo(() => (index ? searchCompetencies(index, deferredQuery) : []), [index, deferredQuery]);
  const selectedIds = useMemo(() => new Set(value.map((s) => s.competencyId)), [value]);

  const announce = useCallback((message: string) => {
    // A change of text is what a live region reads; the same message twice needs a reset.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  const onToggle = (competency: Competency, checked: boolean) => {
    if (disabled) return;
    onChange(checked ? selectCompetency(value, competency.id, multiple) : unselectCompetency(value, competency.id));
  };

  const error = resolved.error ?? tree.error;
  if (error) return <ErrorAlert error={error} onRetry={() => void (resolved.error ? resolved.refetch() : tree.refetch())} />;
  if (resolved.isEmpty) return <Text>{t('referentials.picker.noReferential')}</Text>;
  if (!tree.data || !index) return <PageLoader />;

  const isSearching = deferredQuery.trim() !== '';
  const visibleResults = results.filter((e) => !(hideBlocked && blocked[e.competency.id] && !selectedIds.has(e.competency.id)));
  const hiddenCount = hideBlocked ? Object.keys(blocked).filter((id) => index.byId.has(id) && !selectedIds.has(id)).length : 0;
  const choice = {
    selectedIds,
    onToggle,
    blocked,
    hideBlocked,
    multiple,
    disabled,
    name: `${baseId}-competency`,
  };

  return (
    <Stack gap="lg">
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>

      <Box component="section" aria-labelledby={chooseHeadingId}>
        <Title order={headingLevel} size="h4" mb="xs" id={chooseHeadingId}>
          {label ?? t('referentials.picker.chooseTitle')}
        </Title>
        <Text size="sm" mb="sm">
          {t('referentials.picker.intro', { referential: tree.data.title })}
        </Text>
        <CompetencySearchField value={query} onChange={setQuery} maw={520} mb="sm" />
        {hiddenCount > 0 && (
          <Text size="sm" mb="xs">
            {t('referentials.picker.hiddenBlocked', { count: hiddenCount })}
          </Text>
        )}
        <Text size="sm" role="status" mb={isSearching ? 'xs' : 0} fw={isSearching ? 600 : undefined}>
          {isSearching
            ? visibleResults.length === 0
              ? t('referentials.picker.noResult', { query: deferredQuery.trim() })
              : t('referentials.picker.resultCount', { count: visibleResults.length })
            : ''}
        </Text>
        {isSearching ? (
          <SearchResults results={results} {...choice} />
        ) : (
          <PickerTree tree={tree.data} labelledBy={chooseHeadingId} {...choice} />
        )}
      </Box>

      <Box component="section" aria-labelledby={`${baseId}-selected`}>
        <Title order={headingLevel} size="h4" mb="sm" id={`${baseId}-selected`} ref={selectedHeadingRef} tabIndex={-1}>
          {t('referentials.picker.selectedTitle', { count: value.length })}
        </Title>
        {value.length > 1 && (multiple && (orderable ?? true)) && !disabled && (
          <Text size="sm" c="dimmed" mb="sm">
            {t('referentials.picker.orderHint')}
          </Text>
        )}
        <SelectedCompetencies
          value={value}
          onChange={onChange}
          index={index}
          blocked={blocked}
          orderable={multiple && (orderable ?? true)}
          withItems={withItems}
          disabled={disabled}
          announce={announce}
          onEmptied={() => selectedHeadingRef.current?.focus()}
        />
      </Box>
    </Stack>
  );
}
