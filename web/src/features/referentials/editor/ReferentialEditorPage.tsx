import { MODULE_PATHS } from '@cerise/common';
import type { Competency, ReferentialTree } from '@cerise/common';
import { Box, Checkbox, Group, Text, Title } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useDeferredValue, useId, useMemo, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useCurrentUser } from '../../../app/current-user.tsx';
import { t } from '../../../app/i18n/t.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../../ui/PageLoader.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { BranchTree, toggled } from '../picker/BranchTree.tsx';
import { CompetencySearchField } from '../picker/CompetencySearchField.tsx';
import { useReferentialTree } from '../referentials.api.ts';
import classes from '../referentials.module.css';
import { indexTree, searchCompetencies, type CompetencyEntry } from '../referentials.search.ts';
import { CompetencyEditor } from './CompetencyEditor.tsx';
import { ExportButton } from './ExportButton.tsx';
import { SettingsBreadcrumbs } from './SettingsBreadcrumbs.tsx';

function itemCounts(competency: Competency): string {
  return [
    t('referentials.editor.complexityCount', { count: competency.complexities.length }),
    t('referentials.editor.hazardCount', { count: competency.hazards.length }),
    ...(competency.toComplete ? [t('referentials.editor.toCompleteBadge')] : []),
  ].join(' · ');
}

type CompetencyDisclosureProps = {
  referentialId: string;
  competency: Competency;
  expanded: boolean;
  onToggle: () => void;
  context?: ReactNode;
};

/** A competency of the editor: its title unfolds its panel of complexities and hazards. */
function CompetencyDisclosure({ referentialId, competency, expanded, onToggle, context }: CompetencyDisclosureProps) {
  const panelId = useId();
  return (
    <li data-competency-code={competency.code}>
      <button type="button" className={classes.toggle} aria-expanded={expanded} aria-controls={expanded ? panelId : undefined} onClick={onToggle}>
        <IconChevronRight className={classes.chevron} size={16} aria-hidden="true" />
        <span>
          <span className={classes.code}>{competency.code}</span> {competency.label}
          <Text span display="block" size="sm" fw={400} c={competency.toComplete ? 'orange.9' : 'dimmed'}>
            {context && <>{context} — </>}
            {itemCounts(competency)}
          </Text>
        </span>
      </button>
      {expanded && <CompetencyEditor referentialId={referentialId} competency={competency} id={panelId} />}
    </li>
  );
}

function EditorTree({ tree, open, onToggle }: { tree: ReferentialTree; open: ReadonlySet<string>; onToggle: (id: string) => void }) {
  const toCompleteNote = (competencies: Competency[]) => {
    const todo = competencies.filter((k) => k.toComplete).length;
    return (
      todo > 0 && (
        <>
          {' '}
          <Text span size="sm" fw={400} c="orange.9" className={classes.nowrap}>
            ({t('referentials.editor.branchToComplete', { count: todo })})
          </Text>
        </>
      )
    );
  };
  return (
    <BranchTree
      tree={tree}
      expanded={open}
      onToggle={onToggle}
      branchNote={toCompleteNote}
      situation={(situation) => (
        <>
          <Text size="sm" c="gray.8" mt="xs" px="xs">
            <span className={classes.code}>{situation.code}</span> {situation.title}
          </Text>
          <ul className={classes.plainList} style={{ border: 0, margin: 0, padding: 0 }}>
            {situation.competencies.map((competency) => (
              <CompetencyDisclosure
                key={competency.id}
                referentialId={tree.id}
                competency={competency}
                expanded={open.has(competency.id)}
                onToggle={() => onToggle(competency.id)}
              />
            ))}
          </ul>
        </>
      )}
    />
  );
}

/** `/:uai/parametres/referentiels/:referentialId`: browse the tree, complete each competency. */
export function ReferentialEditorPage() {
  const { referentialId = '' } = useParams();
  const { establishment } = useCurrentUser();
  const tree = useReferentialTree(referentialId);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const [query, setQuery] = useState('');
  const [onlyToComplete, setOnlyToComplete] = useState(false);
  const deferredQuery = useDeferredValue(query);
  const index = useMemo(() => (tree.data ? indexTree(tree.data) : null), [tree.data]);
  const listTitle = t('referentials.list.title');
  const listPath = `/${establishment.uai}/${MODULE_PATHS.settings}/referentiels`;

  if (tree.isError) {
    return (
      <>
        <SettingsBreadcrumbs trail={[{ label: listTitle, to: listPath }, { label: t('referentials.editor.unknownTitle') }]} />
        <PageTitle>{t('referentials.editor.unknownTitle')}</PageTitle>
        <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />
      </>
    );
  }
  if (!tree.data || !index) return <PageLoader />;

  const data = tree.data;
  const onToggle = (id: string) => setOpen((current) => toggled(current, id));
  const isFiltering = deferredQuery.trim() !== '' || onlyToComplete;
  let entries: CompetencyEntry[] = [];
  if (isFiltering) {
    entries = deferredQuery.trim() ? searchCompetencies(index, deferredQuery) : index.entries;
    // A competency being edited stays in the list even once it is no longer « à compléter ».
    if (onlyToComplete) entries = entries.filter((e) => e.competency.toComplete || open.has(e.competency.id));
  }
  const { counts } = data;

  return (
    <>
      <SettingsBreadcrumbs trail={[{ label: listTitle, to: listPath }, { label: data.title }]} />
      <PageTitle documentTitle={t('referentials.editor.documentTitle', { title: data.title })}>{data.title}</PageTitle>
      {data.source && (
        <Text size="sm" mb="xs">
          {t('referentials.list.source', { source: data.source })}
        </Text>
      )}
      <Text size="sm" mb="md">
        {t('referentials.list.counts', { poles: counts.poles, classes: counts.classes, situations: counts.situations, competencies: counts.competencies })}{' '}
        {counts.toComplete > 0 ? t('referentials.list.toComplete', { count: counts.toComplete }) : t('referentials.list.allComplete')}
      </Text>
      <Group mb="xl" align="flex-start">
        <ExportButton referentialId={data.id} code={data.code} />
      </Group>

      <Box component="section" aria-labelledby="referential-competencies">
        <Title order={2} size="h3" mb="xs" id="referential-competencies">
          {t('referentials.editor.competenciesTitle')}
        </Title>
        <Text size="sm" mb="md">
          {t('referentials.editor.intro')}
        </Text>
        <Group align="flex-end" gap="lg" mb="sm" wrap="wrap">
          <CompetencySearchField value={query} onChange={setQuery} style={{ flex: '1 1 18rem', maxWidth: 520 }} />
          <Checkbox
            radius="sm"
            mb={8}
            label={t('referentials.editor.onlyToComplete')}
            checked={onlyToComplete}
            onChange={(e) => setOnlyToComplete(e.currentTarget.checked)}
          />
        </Group>
        <Text size="sm" role="status" mb="xs" fw={isFiltering ? 600 : undefined}>
          {isFiltering
            ? entries.length === 0
              ? t('referentials.editor.noMatch')
              : t('referentials.picker.resultCount', { count: entries.length })
            : ''}
        </Text>
        {isFiltering ? (
          <ul className={`${classes.plainList} ${classes.results}`}>
            {entries.map((entry) => (
              <CompetencyDisclosure
                key={entry.competency.id}
                referentialId={data.id}
                competency={entry.competency}
                expanded={open.has(entry.competency.id)}
                onToggle={() => onToggle(entry.competency.id)}
                context={`${entry.situation.code} ${entry.situation.title}`}
              />
            ))}
          </ul>
        ) : (
          <EditorTree tree={data} open={open} onToggle={onToggle} />
        )}
      </Box>
    </>
  );
}
