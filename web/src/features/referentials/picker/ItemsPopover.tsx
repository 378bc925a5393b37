import type { Competency, CompetencyItemList } from '@cerise/common';
import { Button, Checkbox, Group, Popover, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { t } from '../../../app/i18n/t.ts';
import classes from '../referentials.module.css';

type ItemsPopoverProps = {
  competency: Competency;
  list: CompetencyItemList;
  chosenIds: readonly string[];
  onToggle: (itemId: string, checked: boolean) => void;
  disabled: boolean;
};

/**
 * The square at the end of a selected competency (docs/guide.md §3.6.2): it opens the list of the
 * competency's complexities (or hazards) to tick, and turns green — with the count written
 * inside and said in its name — when at least one is ticked. Escape or « Fermer » closes it
 * and gives the focus back to the square.
 */
export function ItemsPopover({ competency, list, chosenIds, onToggle, disabled }: ItemsPopoverProps) {
  const [opened, setOpened] = useState(false);
  const legendId = useId();
  const items = competency[list];
  const chosen = new Set(chosenIds);
  const count = items.filter((i) => chosen.has(i.id)).length;
  const active = count > 0;
  const title = t(`referentials.picker.${list}.title`);

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      trapFocus
      returnFocus
      closeOnEscape
      position="bottom-start"
      shadow="md"
      width={340}
      withArrow
    >
      <Popover.Target>
        <button type="button" className={classes.squareButton} data-active={active} onClick={() => setOpened((o) => !o)}>
          {/* The count is drawn by CSS with an empty alternative text: the name says it in words. */}
          <span className={classes.square} data-count={active ? count : ''} aria-hidden="true" />
          {title}
          <VisuallyHidden>{t(`referentials.picker.${list}.buttonSuffix`, { count, total: items.length, code: competency.code })}</VisuallyHidden>
          {active && <IconCheck size={14} aria-hidden="true" />}
        </button>
      </Popover.Target>
      <Popover.Dropdown maw="calc(100vw - 2rem)">
        <fieldset className={classes.fieldset} aria-describedby={items.length === 0 ? `${legendId}-empty` : undefined}>
          <legend id={legendId}>{t(`referentials.picker.${list}.legend`, { code: competency.code })}</legend>
          {items.length === 0 ? (
            <Text size="sm" id={`${legendId}-empty`}>
              {competency.toComplete ? t(`referentials.picker.${list}.noneToComplete`) : t(`referentials.picker.${list}.none`)}
            </Text>
          ) : (
            <Stack gap="xs" className={classes.popoverList}>
              {items.map((item) => (
                <Checkbox
                  radius="sm"
                  key={item.id}
                  label={item.label}
                  checked={chosen.has(item.id)}
                  disabled={disabled}
                  onChange={(e) => onToggle(item.id, e.currentTarget.checked)}
                />
              ))}
            </Stack>
          )}
        </fieldset>
        <Group justify="space-between" mt="sm" gap="xs">
          <Text size="sm" c="dimmed">
            {t(`referentials.picker.${list}.checked`, { count })}
          </Text>
          <Button size="xs" variant="default" onClick={() => setOpened(false)}>
            {t('app.close')}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
