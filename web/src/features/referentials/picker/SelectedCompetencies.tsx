import { Button, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { t } from '../../../app/i18n/t.ts';
import classes from '../referentials.module.css';
import type { TreeIndex } from '../referentials.search.ts';
import { ItemsPopover } from './ItemsPopover.tsx';
import { moveSelection, SELECTION_FIELD, toggleItem, unselectCompetency, type CompetencySelection } from './selection.ts';

type SelectedCompetenciesProps = {
  value: CompetencySelection[];
  onChange: (value: CompetencySelection[]) => void;
  index: TreeIndex;
  blocked: Readonly<Record<string, string>>;
  orderable: boolean;
  withItems: boolean;
  disabled: boolean;
  /** Says what just happened (moved, removed) in the picker's live region. */
  announce: (message: string) => void;
  /** Where the focus goes when the last competency is removed. */
  onEmptied: () => void;
};

type FocusTarget = { competencyId: string; action: 'up' | 'down' | 'remove' };

/**
 * « Compétences sélectionnées » (docs/guide.md §3.6.2): each with its squares for complexities and
 * hazards, in an order changed by drag and drop or with « Monter » / « Descendre ».
 */
export function SelectedCompetencies({
  value,
  onChange,
  index,
  blocked,
  orderable,
  withItems,
  disabled,
  announce,
  onEmptied,
}: SelectedCompetenciesProps) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ competencyId: string; side: 'before' | 'after' } | null>(null);
  const canMove = orderable && !disabled && value.length > 1;

  useEffect(() => {
    if (!focusTarget) return;
    buttons.current.get(`${focusTarget.competencyId}:${focusTarget.action}`)?.focus();
    setFocusTarget(null);
  }, [focusTarget, value]);

  const codeOf = (competencyId: string) => index.byId.get(competencyId)?.competency.code ?? competencyId;

  const move = (from: number, to: number) => {
    const selection = value[from];
    if (!selection || to < 0 || to >= value.length) return;
    onChange(moveSelection(value, from, to));
    announce(t('referentials.picker.moved', { code: codeOf(selection.competencyId), position: to + 1, total: value.length }));
    // The focus stays on the moved competency: on the same button while it can still move that way.
    const action = to === 0 ? 'down' : to === value.length - 1 ? 'up' : to < from ? 'up' : 'down';
    setFocusTarget({ competencyId: selection.competencyId, action });
  };

  const remove = (i: number) => {
    const selection = value[i];
    if (!selection) return;
    onChange(unselectCompetency(value, selection.competencyId));
    announce(t('referentials.picker.removed', { code: codeOf(selection.competencyId) }));
    const neighbour = value[i + 1] ?? value[i - 1];
    if (neighbour) setFocusTarget({ competencyId: neighbour.competencyId, action: 'remove' });
    else onEmptied();
  };

  const onDragStart = (event: DragEvent, competencyId: string) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', competencyId);
    setDragged(competencyId);
  };
  const onDragOver = (event: DragEvent<HTMLLIElement>, competencyId: string) => {
    if (!dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const side = event.clientY < box.top + box.height / 2 ? 'before' : 'after';
    if (drop?.competencyId !== competencyId || drop.side !== side) setDrop({ competencyId, side });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    if (dragged && drop && dragged !== drop.competencyId) {
      const from = value.findIndex((s) => s.competencyId === dragged);
      const over = value.findIndex((s) => s.competencyId === drop.competencyId);
      let to = drop.side === 'before' ? over : over + 1;
      if (from < to) to -= 1;
      if (from >= 0 && from !== to) move(from, to);
    }
    setDragged(null);
    setDrop(null);
  };
  const onDragEnd = () => {
    setDragged(null);
    setDrop(null);
  };

  const setButton = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  if (value.length === 0) {
    return <Text c="dimmed">{t('referentials.picker.noneSelected')}</Text>;
  }

  return (
    <ol className={classes.selected}>
      {value.map((selection, i) => {
        const entry = index.byId.get(selection.competencyId);
        const competency = entry?.competency;
        const code = competency?.code ?? '';
        const blockedReason = blocked[selection.competencyId];
        return (
          <li
            key={selection.competencyId}
            className={classes.selectedItem}
            draggable={canMove}
            onDragStart={canMove ? (e) => onDragStart(e, selection.competencyId) : undefined}
            onDragOver={canMove ? (e) => onDragOver(e, selection.competencyId) : undefined}
            onDrop={canMove ? onDrop : undefined}
            onDragEnd={canMove ? onDragEnd : undefined}
            data-dragging={dragged === selection.competencyId}
            data-drop={drop?.competencyId === selection.competencyId && dragged !== selection.competencyId ? drop.side : undefined}
            data-competency-code={code || undefined}
          >
            <span className={classes.handle} data-static={!canMove} aria-hidden="true" title={canMove ? t('referentials.picker.dragHint') : undefined}>
              {canMove ? <IconGripVertical size={18} /> : <Text span fw={700} size="sm">{i + 1}.</Text>}
            </span>
            <div className={classes.selectedBody}>
              {competency && entry ? (
                <>
                  <Text fw={600}>
                    {canMove && <span className={classes.itemPosition}>{i + 1}. </span>}
                    <span className={classes.code}>{competency.code}</span> {competency.label}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {entry.situation.code} {entry.situation.title}
                  </Text>
                  {competency.toComplete && <Text size="sm">{t('referentials.picker.toCompleteNote')}</Text>}
                </>
              ) : (
                <Text fw={600}>{t('referentials.picker.unknownCompetency')}</Text>
              )}
              {blockedReason && (
                <Text size="sm" c="red.8">
                  {t('referentials.picker.blockedNote', { reason: blockedReason })}
                </Text>
              )}
            </div>
            <div className={classes.selectedActions}>
              {withItems && competency ? (
                <div className={classes.actionGroup}>
                  {(['complexities', 'hazards'] as const).map((list) => (
                    <ItemsPopover
                      key={list}
                      competency={competency}
                      list={list}
                      chosenIds={selection[SELECTION_FIELD[list]]}
                      disabled={disabled}
                      onToggle={(itemId, checked) => onChange(toggleItem(value, competency, list, itemId, checked))}
                    />
                  ))}
                </div>
              ) : (
                <span />
              )}
              <div className={classes.actionGroup}>
                {canMove && (
                  <>
                    <Button
                      ref={setButton(`${selection.competencyId}:up`)}
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconArrowUp size={14} aria-hidden="true" />}
                      disabled={i === 0}
                      aria-label={t('referentials.picker.moveUpName', { code })}
                      onClick={() => move(i, i - 1)}
                    >
                      {t('referentials.picker.moveUp')}
                    </Button>
                    <Button
                      ref={setButton(`${selection.competencyId}:down`)}
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconArrowDown size={14} aria-hidden="true" />}
                      disabled={i === value.length - 1}
                      aria-label={t('referentials.picker.moveDownName', { code })}
                      onClick={() => move(i, i + 1)}
                    >
                      {t('referentials.picker.moveDown')}
                    </Button>
                  </>
                )}
                {!disabled && (
                  <Button
                    ref={setButton(`${selection.competencyId}:remove`)}
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    leftSection={<IconX size={14} aria-hidden="true" />}
                    aria-label={t('referentials.picker.removeName', { code: code || t('referentials.picker.unknownCompetency') })}
                    onClick={() => remove(i)}
                  >
                    {t('referentials.picker.remove')}
                  </Button>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
