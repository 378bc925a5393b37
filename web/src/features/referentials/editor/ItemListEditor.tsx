import { MAX_ITEM_LABEL_LENGTH, MAX_ITEMS_PER_LIST, type Competency, type CompetencyItem, type CompetencyItemList } from '@cerise/common';
import { Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorText, isApiError } from '../../../app/api.ts';
import { t } from '../../../app/i18n/t.ts';
import { SubmitButton } from '../../../ui/SubmitButton.tsx';
import type { CompetencyEdit } from '../referentials.api.ts';
import classes from '../referentials.module.css';

type ItemListEditorProps = {
  competency: Competency;
  list: CompetencyItemList;
  /** Sends one edit; resolves true when saved (errors are shown by the competency's panel). */
  edit: (edit: CompetencyEdit, options?: { onFieldError?: (message: string) => void }) => Promise<boolean>;
  pending: boolean;
  announce: (message: string) => void;
};

/** Errors that belong under the field typed in, not in the panel's alert. */
const FIELD_ERRORS = new Set(['referentials.duplicate_item', 'common.validation']);

export function isFieldError(error: unknown): boolean {
  return isApiError(error) && FIELD_ERRORS.has(error.code);
}

export function fieldErrorText(error: unknown): string {
  return isApiError(error) && error.code === 'common.validation' ? t('referentials.editor.labelInvalid') : errorText(error);
}

type Focus = { itemId: string; action: 'up' | 'down' | 'edit' | 'delete' } | { target: 'heading' | 'add' };

/**
 * The ordered complexities (or hazards) of a competency: add, rename, move up or down, delete.
 * An item in use (`inUse` > 0: chosen by a scenario, an evaluation or a passport) says so and its
 * deletion is disabled before the click; the server refuses it anyway (409 `item_in_use`).
 */
export function ItemListEditor({ competency, list, edit, pending, announce }: ItemListEditorProps) {
  const headingId = useId();
  const items = competency[list];
  const [newLabel, setNewLabel] = useState('');
  const [addError, setAddError] = useState<string | undefined>();
  const [editing, setEditing] = useState<{ itemId: string; label: string; error?: string } | null>(null);
  const [toDelete, setToDelete] = useState<CompetencyItem | null>(null);
  const [focus, setFocus] = useState<Focus | null>(null);
  const buttons = useRef(new Map<string, HTMLElement>());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addRef = useRef<HTMLInputElement>(null);
  const editRef = useRef<HTMLInputElement>(null);
  const word = (key: 'the' | 'new' | 'add' | 'added' | 'renamed' | 'deleted' | 'moved') => t(`referentials.editor.${list}.${key}`);

  useEffect(() => {
    if (!focus) return;
    if ('target' in focus) (focus.target === 'heading' ? headingRef.current : addRef.current)?.focus();
    else buttons.current.get(`${focus.itemId}:${focus.action}`)?.focus();
    setFocus(null);
  }, [focus, items]);

  useEffect(() => {
    if (editing) editRef.current?.focus();
    // Only when an edit starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing?.itemId]);

  const setButton = (key: string) => (element: HTMLElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const label = newLabel.trim();
    if (!label) {
      setAddError(t('referentials.editor.labelRequired'));
      addRef.current?.focus();
      return;
    }
    setAddError(undefined);
    const saved = await edit({ kind: 'add', list, label }, { onFieldError: (message) => setAddError(message) });
    if (saved) {
      setNewLabel('');
      announce(t('referentials.editor.itemSaved', { what: word('added'), label }));
    }
    addRef.current?.focus();
  };

  const onMove = async (item: CompetencyItem, index: number, to: number) => {
    if (pending || to < 0 || to >= items.length) return;
    const ids = items.map((i) => i.id);
    ids.splice(index, 1);
    ids.splice(to, 0, item.id);
    if (await edit({ kind: 'reorder', list, ids })) {
      announce(t('referentials.editor.itemMoved', { what: word('moved'), label: item.label, position: to + 1, total: items.length }));
      const action = to === 0 ? 'down' : to === items.length - 1 ? 'up' : to < index ? 'up' : 'down';
      setFocus({ itemId: item.id, action });
    }
  };

  const onRename = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing || pending) return;
    const label = editing.label.trim();
    if (!label) {
      setEditing({ ...editing, error: t('referentials.editor.labelRequired') });
      editRef.current?.focus();
      return;
    }
    const item = items.find((i) => i.id === editing.itemId);
    if (item && item.label === label) {
      setEditing(null);
      setFocus({ itemId: editing.itemId, action: 'edit' });
      return;
    }
    const saved = await edit(
      { kind: 'rename', list, itemId: editing.itemId, label },
      { onFieldError: (message) => setEditing((e) => (e ? { ...e, error: message } : e)) },
    );
    if (saved) {
      announce(t('referentials.editor.itemSaved', { what: word('renamed'), label }));
      setFocus({ itemId: editing.itemId, action: 'edit' });
      setEditing(null);
    } else {
      editRef.current?.focus();
    }
  };

  const cancelRename = () => {
    if (!editing) return;
    setFocus({ itemId: editing.itemId, action: 'edit' });
    setEditing(null);
  };

  const onEditKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancelRename();
    }
  };

  const confirmDelete = async () => {
    const item = toDelete;
    if (!item || pending) return;
    const index = items.findIndex((i) => i.id === item.id);
    const saved = await edit({ kind: 'delete', list, itemId: item.id });
    setToDelete(null);
    if (saved) {
      announce(t('referentials.editor.itemSaved', { what: word('deleted'), label: item.label }));
      const neighbour = items[index + 1] ?? items[index - 1];
      setFocus(neighbour && neighbour.id !== item.id ? { itemId: neighbour.id, action: 'delete' } : { target: 'heading' });
    } else {
      setFocus({ itemId: item.id, action: 'delete' });
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" id={headingId} ref={headingRef} tabIndex={-1} mb={4}>
        {t(`referentials.editor.${list}.title`, { count: items.length })}
      </Title>
      {list === 'complexities' && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('referentials.editor.complexities.orderNote')}
        </Text>
      )}
      {items.length === 0 ? (
        <Text size="sm" mb="sm">
          {t(`referentials.editor.${list}.empty`)}
        </Text>
      ) : (
        <ol className={classes.plainList} aria-labelledby={headingId}>
          {items.map((item, index) => (
            <li key={item.id} className={classes.itemRow}>
              <span className={classes.itemPosition} aria-hidden="true">
                {index + 1}.
              </span>
              {editing?.itemId === item.id ? (
                <form onSubmit={(e) => void onRename(e)} noValidate style={{ flex: '1 1 16rem' }}>
                  <Group align="flex-start" gap="xs" wrap="wrap">
                    <TextInput
                      ref={editRef}
                      style={{ flex: '1 1 14rem' }}
                      label={t('referentials.editor.renameLabel', { what: word('the'), position: index + 1 })}
                      value={editing.label}
                      maxLength={MAX_ITEM_LABEL_LENGTH}
                      required
                      onChange={(e) => setEditing({ ...editing, label: e.currentTarget.value, error: undefined })}
                      onKeyDown={onEditKeyDown}
                      error={editing.error}
                    />
                    <Group gap="xs" mt={{ base: 0, xs: 25 }}>
                      <SubmitButton pending={pending} size="sm">
                        {t('referentials.editor.save')}
                      </SubmitButton>
                      <Button size="sm" variant="default" onClick={cancelRename}>
                        {t('referentials.editor.cancel')}
                      </Button>
                    </Group>
                  </Group>
                </form>
              ) : (
                <>
                  <span className={classes.itemLabel}>
                    {item.label}
                    {(item.inUse ?? 0) > 0 && (
                      <Text component="span" size="xs" display="block" id={`${headingId}-${item.id}-in-use`} className={classes.itemInUse}>
                        {t(`referentials.editor.${list}.inUse`, { count: item.inUse ?? 0 })}
                      </Text>
                    )}
                  </span>
                  <Group gap={6} wrap="wrap">
                    <Button
                      ref={setButton(`${item.id}:up`)}
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconArrowUp size={14} aria-hidden="true" />}
                      disabled={index === 0}
                      aria-label={t('referentials.editor.moveUpName', { label: item.label })}
                      onClick={() => void onMove(item, index, index - 1)}
                    >
                      {t('referentials.editor.moveUp')}
                    </Button>
                    <Button
                      ref={setButton(`${item.id}:down`)}
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconArrowDown size={14} aria-hidden="true" />}
                      disabled={index === items.length - 1}
                      aria-label={t('referentials.editor.moveDownName', { label: item.label })}
                      onClick={() => void onMove(item, index, index + 1)}
                    >
                      {t('referentials.editor.moveDown')}
                    </Button>
                    <Button
                      ref={setButton(`${item.id}:edit`)}
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconPencil size={14} aria-hidden="true" />}
                      aria-label={t('referentials.editor.renameName', { label: item.label })}
                      onClick={() => setEditing({ itemId: item.id, label: item.label })}
                    >
                      {t('referentials.editor.rename')}
                    </Button>
                    <Button
                      ref={setButton(`${item.id}:delete`)}
                      size="compact-sm"
                      variant="outline"
                      color="red"
                      leftSection={<IconTrash size={14} aria-hidden="true" />}
                      disabled={(item.inUse ?? 0) > 0}
                      aria-describedby={(item.inUse ?? 0) > 0 ? `${headingId}-${item.id}-in-use` : undefined}
                      aria-label={t((item.inUse ?? 0) > 0 ? 'referentials.editor.deleteDisabledName' : 'referentials.editor.deleteName', { label: item.label })}
                      onClick={() => setToDelete(item)}
                    >
                      {t('referentials.editor.delete')}
                    </Button>
                  </Group>
                </>
              )}
            </li>
          ))}
        </ol>
      )}

      {items.length < MAX_ITEMS_PER_LIST ? (
        <form onSubmit={(e) => void onAdd(e)} noValidate>
          <Stack gap="xs" mt="xs" align="flex-start">
            <TextInput
              ref={addRef}
              w="100%"
              label={word('new')}
              value={newLabel}
              maxLength={MAX_ITEM_LABEL_LENGTH}
              onChange={(e) => {
                setNewLabel(e.currentTarget.value);
                setAddError(undefined);
              }}
              error={addError}
            />
            <SubmitButton pending={pending} size="sm" leftSection={<IconPlus size={16} aria-hidden="true" />}>
              {word('add')}
            </SubmitButton>
          </Stack>
        </form>
      ) : (
        <Text size="sm" mt="xs">
          {t('referentials.editor.listFull', { max: MAX_ITEMS_PER_LIST })}
        </Text>
      )}

      <Modal
        opened={toDelete !== null}
        onClose={() => {
          const item = toDelete;
          setToDelete(null);
          if (item) setFocus({ itemId: item.id, action: 'delete' });
        }}
        title={t(`referentials.editor.${list}.deleteTitle`)}
        returnFocus={false}
        centered
      >
        <Stack gap="md">
          <Text>{t(`referentials.editor.${list}.deleteText`, { label: toDelete?.label ?? '', code: competency.code })}</Text>
          <Text size="sm">{t('referentials.editor.deleteInUseNote')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              onClick={() => {
                const item = toDelete;
                setToDelete(null);
                if (item) setFocus({ itemId: item.id, action: 'delete' });
              }}
            >
              {t('referentials.editor.cancel')}
            </Button>
            <Button color="red" onClick={() => void confirmDelete()} aria-disabled={pending || undefined} data-autofocus>
              {t('referentials.editor.confirmDelete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </section>
  );
}
