import { SCHOOL_LEVELS, type SchoolLevel } from '@cerise/common';
import { Button, Group, Modal, NativeSelect, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useDeleteScenario, useDuplicateScenario } from './scenarios.api.ts';

type Target = { id: string; title: string; level: SchoolLevel | null };

export const levelOptions = (noneLabel: string) => [{ value: '', label: noneLabel }, ...SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`scenarios.levels.${l}`) }))];

/** « Dupliquer »: a new name and a level, then « OK » (docs/guide.md § 3.5). */
export function DuplicateDialog({ target, onClose, onDone }: { target: Target; onClose: () => void; onDone: (id: string) => void }) {
  const [title, setTitle] = useState(t('scenarios.duplicate.copyOf', { title: target.title }).slice(0, 200));
  const [level, setLevel] = useState<string>(target.level ?? '');
  const [error, setError] = useState('');
  const duplicate = useDuplicateScenario();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (duplicate.isPending) return;
    if (!title.trim()) {
      setError(t('scenarios.duplicate.nameRequired'));
      return;
    }
    duplicate.mutate(
      { id: target.id, body: { title: title.trim(), level: (level || null) as SchoolLevel | null } },
      {
        onSuccess: (copy) => {
          notifySuccess(t('scenarios.duplicate.done', { title: copy.title }));
          onDone(copy.id);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('scenarios.duplicate.title', { title: target.title })} size="lg">
      <form onSubmit={submit} noValidate>
        <Text size="sm" mb="md">
          {t('scenarios.duplicate.intro')}
        </Text>
        {duplicate.isError && <ErrorAlert error={duplicate.error} />}
        <TextInput
          label={t('scenarios.duplicate.name')}
          required
          data-autofocus
          value={title}
          maxLength={200}
          error={error || undefined}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setError('');
          }}
          mb="sm"
        />
        <NativeSelect label={t('scenarios.duplicate.level')} value={level} onChange={(e) => setLevel(e.currentTarget.value)} data={levelOptions(t('scenarios.levels.none'))} mb="lg" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('scenarios.duplicate.cancel')}
          </Button>
          <SubmitButton pending={duplicate.isPending}>{t('scenarios.duplicate.ok')}</SubmitButton>
        </Group>
      </form>
    </Modal>
  );
}

/** « Supprimer »: confirmed with « OK » (docs/guide.md § 3.5). */
export function DeleteDialog({ target, onClose, onDone }: { target: Target; onClose: () => void; onDone: () => void }) {
  const remove = useDeleteScenario();
  return (
    <Modal opened onClose={onClose} title={t('scenarios.delete.title', { title: target.title })} size="lg">
      <Text mb="md">{t('scenarios.delete.text')}</Text>
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('scenarios.delete.cancel')}
        </Button>
        <Button
          color="red"
          aria-disabled={remove.isPending || undefined}
          onClick={() =>
            !remove.isPending &&
            remove.mutate(target.id, {
              onSuccess: () => {
                notifySuccess(t('scenarios.delete.done', { title: target.title }));
                onDone();
              },
            })
          }
        >
          {t('scenarios.delete.ok')}
        </Button>
      </Group>
    </Modal>
  );
}
