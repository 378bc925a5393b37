import type { Competency, ReferentialTree, Situation } from '@cerise/common';
import { IconChevronRight } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { t } from '../../../app/i18n/t.ts';
import classes from '../referentials.module.css';

/** The set with the id added, or removed when it was in (a branch unfolded or folded). */
export function toggled(set: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

type DisclosureProps = {
  expanded: boolean;
  onToggle: () => void;
  title: ReactNode;
  selectedCount: number;
  children: ReactNode;
};

/** A title that unfolds its branch (a disclosure button with aria-expanded). */
export function Disclosure({ expanded, onToggle, title, selectedCount, children }: DisclosureProps) {
  const id = useId();
  return (
    <li>
      <button type="button" className={classes.toggle} aria-expanded={expanded} aria-controls={expanded ? id : undefined} onClick={onToggle}>
        <IconChevronRight className={classes.chevron} size={16} aria-hidden="true" />
        <span>
          {title}
          {selectedCount > 0 && (
            <span className={classes.branchCount}> ({t('referentials.picker.branchSelected', { count: selectedCount })})</span>
          )}
        </span>
      </button>
      {expanded && <div id={id}>{children}</div>}
    </li>
  );
}

type BranchTreeProps = {
  tree: ReferentialTree;
  /** The ids of the pôles and classes shown unfolded. */
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
  /** How many of a branch's competencies are chosen (said after its title when not 0). */
  selectedCount?: (competencies: Competency[]) => number;
  /** Said after a branch's title (« 2 à compléter »). */
  branchNote?: (competencies: Competency[]) => ReactNode;
  /** What a situation's list item holds. */
  situation: (situation: Situation) => ReactNode;
  labelledBy?: string;
};

/** A referential's pôles, then its classes of situations, as nested disclosures; the situations inside. */
export function BranchTree({ tree, expanded, onToggle, selectedCount = () => 0, branchNote, situation, labelledBy }: BranchTreeProps) {
  const title = (code: ReactNode, text: string, competencies: Competency[]) => (
    <>
      <span className={classes.code}>{code}</span> {text}
      {branchNote?.(competencies)}
    </>
  );
  return (
    <ul className={classes.tree} aria-labelledby={labelledBy}>
      {tree.poles.map((pole) => {
        const poleCompetencies = pole.classes.flatMap((c) => c.situations.flatMap((s) => s.competencies));
        return (
          <Disclosure
            key={pole.id}
            expanded={expanded.has(pole.id)}
            onToggle={() => onToggle(pole.id)}
            selectedCount={selectedCount(poleCompetencies)}
            title={title(t('referentials.picker.pole', { code: pole.code }), pole.title, poleCompetencies)}
          >
            <ul>
              {pole.classes.map((situationClass) => {
                const classCompetencies = situationClass.situations.flatMap((s) => s.competencies);
                return (
                  <Disclosure
                    key={situationClass.id}
                    expanded={expanded.has(situationClass.id)}
                    onToggle={() => onToggle(situationClass.id)}
                    selectedCount={selectedCount(classCompetencies)}
                    title={title(situationClass.code, situationClass.title, classCompetencies)}
                  >
                    <ul>
                      {situationClass.situations.map((s) => (
                        <li key={s.id}>{situation(s)}</li>
                      ))}
                    </ul>
                  </Disclosure>
                );
              })}
            </ul>
          </Disclosure>
        );
      })}
    </ul>
  );
}
