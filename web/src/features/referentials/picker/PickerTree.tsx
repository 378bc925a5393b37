import type { Competency, ReferentialTree } from '@cerise/common';
import { Checkbox, Radio, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { t } from '../../../app/i18n/t.ts';
import classes from '../referentials.module.css';
import type { CompetencyEntry } from '../referentials.search.ts';
import { BranchTree, toggled } from './BranchTree.tsx';

export type CompetencyChoiceProps = {
  selectedIds: ReadonlySet<string>;
  onToggle: (competency: Competency, checked: boolean) => void;
  /** Competency id → why it cannot be chosen. */
  blocked: Readonly<Record<string, string>>;
  hideBlocked: boolean;
  multiple: boolean;
  disabled: boolean;
  /** Radio group name (single choice). */
  name: string;
};

function competencyDescription(competency: Competency, blockedReason: string | undefined, extra?: ReactNode): ReactNode {
  const parts: ReactNode[] = [];
  if (extra) parts.push(<span key="extra">{extra}</span>);
  if (competency.toComplete) parts.push(<span key="todo">{t('referentials.picker.toCompleteNote')}</span>);
  if (blockedReason) parts.push(<span key="blocked">{t('referentials.picker.blockedNote', { reason: blockedReason })}</span>);
  if (parts.length === 0) return undefined;
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && ' — '}
          {p}
        </span>
      ))}
    </>
  );
}

/** A competency's checkbox (or radio button when only one may be chosen). */
export function CompetencyChoice({
  competency,
  extra,
  selectedIds,
  onToggle,
  blocked,
  multiple,
  disabled,
  name,
}: CompetencyChoiceProps & { competency: Competency; extra?: ReactNode }) {
  const blockedReason = blocked[competency.id];
  const checked = selectedIds.has(competency.id);
  const label = (
    <>
      <span className={classes.code}>{competency.code}</span> {competency.label}
    </>
  );
  const description = competencyDescription(competency, blockedReason, extra);
  const isDisabled = disabled || (Boolean(blockedReason) && !checked);
  if (!multiple) {
    return (
      <Radio
        name={name}
        value={competency.id}
        checked={checked}
        onChange={(e) => onToggle(competency, e.currentTarget.checked)}
        label={label}
        description={description}
        disabled={isDisabled}
      />
    );
  }
  return (
    <Checkbox
      radius="sm"
      checked={checked}
      onChange={(e) => onToggle(competency, e.currentTarget.checked)}
      label={label}
      description={description}
      disabled={isDisabled}
    />
  );
}

type PickerTreeProps = CompetencyChoiceProps & { tree: ReferentialTree; labelledBy: string };

/**
 * The referential as nested disclosures: pôles, then classes of situations; a class shows its
 * situations (a group each) and their competencies to tick (docs/guide.md §3.5.2: « en cliquant sur
 * les titres pour dérouler l'arbre »).
 */
export function PickerTree({ tree, labelledBy, ...choice }: PickerTreeProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) => setExpanded((current) => toggled(current, id));
  const visible = (k: Competency) => !(choice.hideBlocked && choice.blocked[k.id] && !choice.selectedIds.has(k.id));
  const countIn = (competencies: Competency[]) => competencies.filter((k) => choice.selectedIds.has(k.id)).length;

  return (
    <BranchTree
      tree={tree}
      expanded={expanded}
      onToggle={toggle}
      selectedCount={countIn}
      labelledBy={labelledBy}
      situation={(situation) => {
        const shown = situation.competencies.filter(visible);
        const hidden = situation.competencies.length - shown.length;
        return (
          <fieldset className={classes.situation}>
            <legend>
              <span className={classes.code}>{situation.code}</span> {situation.title}
            </legend>
            {shown.map((competency) => (
              <div key={competency.id} className={classes.competencyRow}>
                <CompetencyChoice competency={competency} {...choice} />
              </div>
            ))}
            {hidden > 0 && (
              <Text size="sm" c="dimmed" className={classes.competencyRow}>
                {t('referentials.picker.hiddenInSituation', { count: hidden })}
              </Text>
            )}
          </fieldset>
        );
      }}
    />
  );
}

type SearchResultsProps = CompetencyChoiceProps & { results: CompetencyEntry[] };

/** The competencies matching a search, each with its place in the tree. */
export function SearchResults({ results, ...choice }: SearchResultsProps) {
  const shown = results.filter((e) => !(choice.hideBlocked && choice.blocked[e.competency.id] && !choice.selectedIds.has(e.competency.id)));
  if (shown.length === 0) return null;
  return (
    <ul className={`${classes.plainList} ${classes.results}`}>
      {shown.map((entry) => (
        <li key={entry.competency.id} className={classes.competencyRow}>
          <CompetencyChoice
            competency={entry.competency}
            extra={t('referentials.picker.resultPath', {
              pole: entry.pole.code,
              situation: entry.situation.code,
              title: entry.situation.title,
            })}
            {...choice}
          />
        </li>
      ))}
    </ul>
  );
}
