import { PROFILES, SSO_KINDS, type CasPreset, type Provider, type SsoKind } from '@cerise/common';
import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Switch, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { AttributeMapFields, KIND_FIELDS } from './ProviderKindFields.tsx';
import { draftOf, inputOf, newDraft, type ProviderDraft } from './provider-draft.ts';
import { useSaveProvider } from './sso.api.ts';

type Props = { provider: Provider | null; casPresets: CasPreset[]; onClose: () => void };

/** Create or edit a provider; the fields follow its kind (docs/sso.md « Configurer un fournisseur »). */
export function ProviderModal({ provider, casPresets, onClose }: Props) {
  const [draft, setDraft] = useState<ProviderDraft>(() => (provider ? draftOf(provider) : newDraft()));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const save = useSaveProvider();
  const fullScreen = useMediaQuery('(max-width: 40em)');
  const Fields = KIND_FIELDS[draft.kind];
  const patch = (p: Partial<ProviderDraft>) => setDraft((d) => ({ ...d, ...p }));
  const patchSettings = (p: Record<string, unknown>) => setDraft((d) => ({ ...d, settings: { ...d.settings, ...p } }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found: Record<string, string> = {};
    if (!draft.label.trim()) found.label = t('sso.form.labelRequired');
    if (draft.profiles.length === 0) found.profiles = t('sso.form.profilesRequired');
    if (draft.kind === 'cas' && !/^https?:\/\//.test(String(draft.settings.serverUrl ?? ''))) found.serverUrl = t('sso.form.serverUrlRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(
      { id: provider?.id ?? null, input: inputOf(draft), version: provider?.version ?? null },
      {
        onSuccess: () => {
          notifySuccess(t('sso.settings.saved'));
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={provider ? t('sso.form.editTitle', { label: provider.label }) : t('sso.form.createTitle')} size="xl" fullScreen={fullScreen}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <RequiredFieldsNote />
          {save.error && <ErrorAlert error={save.error} />}
          <NativeSelect
            label={t('sso.form.kind')}
            value={draft.kind}
            disabled={provider !== null}
            data={SSO_KINDS.map((k) => ({ value: k, label: t(`sso.kinds.${k}`) }))}
            onChange={(e) => setDraft({ ...newDraft(e.currentTarget.value as SsoKind), label: draft.label, profiles: draft.profiles, enabled: draft.enabled })}
          />
          <TextInput
            label={t('sso.form.label')}
            description={t('sso.form.labelHint')}
            required
            maxLength={100}
            value={draft.label}
            error={errors.label}
            onChange={(e) => patch({ label: e.currentTarget.value })}
          />
          <Checkbox.Group label={t('sso.form.profiles')} required value={draft.profiles} error={errors.profiles} onChange={(v) => patch({ profiles: v as ProviderDraft['profiles'] })}>
            <Group gap="md" mt="xs">
              {PROFILES.map((p) => (
                <Checkbox key={p} value={p} label={t(`profiles.${p}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Switch label={t('sso.form.enabled')} checked={draft.enabled} onChange={(e) => patch({ enabled: e.currentTarget.checked })} />
          <Fields key={draft.kind} settings={draft.settings} onChange={patchSettings} errors={errors} casPresets={casPresets} />
          <AttributeMapFields key={`${draft.kind}-attributes`} settings={draft.settings} onChange={patchSettings} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('sso.form.cancel')}
            </Button>
            <SubmitButton pending={save.isPending}>{t('sso.form.save')}</SubmitButton>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
