import { PROFILES, type Profile, type Provider, type SsoSettings } from '@cerise/common';
import { Anchor, Badge, Button, Checkbox, Code, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useState, type FormEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { BackLink } from '../settings/BackLink.tsx';
import { ProviderModal } from './ProviderModal.tsx';
import { useDeleteProvider, useSaveLocalLogin, useSsoSettings } from './sso.api.ts';
import './sso.css';

/** `/:uai/parametres/connexion-ent`: Paramètres → « Connexion ENT / ÉduConnect » (docs/sso.md). */
export function SsoSettingsPage() {
  const settings = useSsoSettings();
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);

  return (
    <>
      <BackLink />
      <PageTitle>{t('sso.title')}</PageTitle>
      <Text mb="lg">{t('sso.settings.intro')}</Text>
      {settings.isPending && <PageLoader />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <>
          <SectionCard id="sso-providers-title" title={t('sso.settings.providersTitle')}>
            <Stack gap="md">
              {settings.data.providers.length === 0 && <Text>{t('sso.settings.empty')}</Text>}
              {settings.data.providers.map((p) => (
                <ProviderCard key={p.id} provider={p} onEdit={() => setEditing(p)} onDelete={() => setDeleting(p)} />
              ))}
              <Group>
                <Button leftSection={<IconPlus size={18} aria-hidden="true" />} onClick={() => setEditing('new')}>
                  {t('sso.settings.add')}
                </Button>
                {settings.data.providers.length > 0 && (
                  <Button component={Link} to="import" variant="outline" leftSection={<IconFileImport size={18} aria-hidden="true" />}>
                    {t('ssoImport.link')}
                  </Button>
                )}
              </Group>
            </Stack>
          </SectionCard>
          <LocalLoginForm key={settings.data.localLoginVersion} data={settings.data} />
          {editing !== null && <ProviderModal provider={editing === 'new' ? null : editing} casPresets={settings.data.casPresets} onClose={() => setEditing(null)} />}
          {deleting && <DeleteModal provider={deleting} onClose={() => setDeleting(null)} />}
        </>
      )}
    </>
  );
}

function ProviderCard({ provider: p, onEdit, onDelete }: { provider: Provider; onEdit: () => void; onDelete: () => void }) {
  const titleId = `sso-provider-${p.id}`;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} className="sso-card-body">
          <Group gap="xs" wrap="wrap">
            <Title order={3} size="h4" id={titleId}>
              {p.label}
            </Title>
            <Badge color={p.enabled ? 'green' : 'gray'} variant="light">
              {p.enabled ? t('sso.settings.enabled') : t('sso.settings.disabled')}
            </Badge>
          </Group>
          <Text size="sm">
            {t(`sso.kinds.${p.kind}`)} — {p.profiles.map((x) => t(`profiles.${x}`)).join(', ')} — {t('sso.settings.columns.links')} : {p.linkedCount}
          </Text>
          {p.serviceUrl && (
            <Text size="sm" className="sso-url">
              {t('sso.settings.serviceUrl')}{' '}
              <Code>{p.serviceUrl}</Code>
            </Text>
          )}
          {p.spMetadataUrl && (
            <Text size="sm" className="sso-url">
              {t('sso.settings.spMetadataUrl')}{' '}
              <Anchor href={p.spMetadataUrl} underline="always">
                {p.spMetadataUrl}
              </Anchor>
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button variant="outline" size="sm" leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={onEdit} aria-label={`${t('sso.settings.edit')} ${p.label}`}>
            {t('sso.settings.edit')}
          </Button>
          <Button variant="outline" color="red" size="sm" leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={onDelete} aria-label={`${t('sso.settings.delete')} ${p.label}`}>
            {t('sso.settings.delete')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

function DeleteModal({ provider, onClose }: { provider: Provider; onClose: () => void }) {
  const del = useDeleteProvider();
  return (
    <Modal opened onClose={onClose} title={t('sso.settings.deleteTitle', { label: provider.label })} centered>
      <Stack gap="md">
        {del.error && <ErrorAlert error={del.error} />}
        <Text>{t('sso.settings.deleteText', { count: provider.linkedCount })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('sso.settings.cancel')}
          </Button>
          <Button
            color="red"
            aria-disabled={del.isPending || undefined}
            onClick={() => {
              if (!del.isPending)
                del.mutate(provider.id, {
                  onSuccess: () => {
                    notifySuccess(t('sso.settings.deleted'));
                    onClose();
                  },
                });
            }}
          >
            {t('sso.settings.deleteConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const SWITCHABLE: Profile[] = PROFILES.filter((p) => p !== 'administrator');

/** Which profiles keep the local password login; administrators always do. */
function LocalLoginForm({ data }: { data: SsoSettings }) {
  const [allowed, setAllowed] = useState<string[]>(() => SWITCHABLE.filter((p) => !data.localLoginDisabledProfiles.includes(p)));
  const save = useSaveLocalLogin();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const disabledProfiles = SWITCHABLE.filter((p) => !allowed.includes(p)) as ('teacher' | 'learner' | 'parent')[];
    save.mutate({ disabledProfiles, version: data.localLoginVersion }, { onSuccess: () => notifySuccess(t('sso.settings.localSaved')) });
  };
  return (
    <SectionCard id="sso-local-title" title={t('sso.settings.localTitle')}>
      <Text mb="md">{t('sso.settings.localIntro')}</Text>
      {save.error && <ErrorAlert error={save.error} />}
      <form onSubmit={onSubmit}>
        <Checkbox.Group label={t('sso.settings.localLegend')} value={allowed} onChange={setAllowed} mb="md">
          <Stack gap="xs" mt="xs">
            <Checkbox value="administrator" label={t('sso.settings.localAdmin')} checked disabled />
            {SWITCHABLE.map((p) => (
              <Checkbox key={p} value={p} label={t(`profiles.${p}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <SubmitButton pending={save.isPending}>{t('sso.settings.localSave')}</SubmitButton>
      </form>
    </SectionCard>
  );
}
