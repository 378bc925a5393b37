import { deName, type PasswordHandover, type UserPasswordResetResponse } from '@cerise/common';
import { Button, Modal, Radio, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { t } from '../../app/i18n/t.ts';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { EstablishmentIncompleteNotice } from '../settings/EstablishmentIncomplete.tsx';
import { useSettings } from '../settings/settings.api.ts';
import { ConfirmModal } from './ConfirmModal.tsx';
import { DoneView } from './DoneView.tsx';
import { personName } from './format.ts';
import { MailsLink } from './MailsLink.tsx';
import { PasswordLetter } from './PasswordLetter.tsx';
import { TemporaryCredentials } from './TemporaryCredentials.tsx';

type Person = { civility: string | null; lastName: string; firstName: string; email: string | null };

type PasswordResetDialogProps = {
  person: Person;
  /** A parent's children, for the letter. */
  children?: string[];
  /** Said under the choice (« Pour un apprenant, … »). */
  hint?: ReactNode;
  reset: {
    mutate: (delivery: PasswordHandover, options: { onSuccess: (r: UserPasswordResetResponse) => void }) => void;
    isPending: boolean;
    error: unknown;
  };
  onClose: () => void;
};

/**
 * « Réinitialiser le mot de passe » for any account (Gestion des utilisateurs, Accès parents): the
 * administrator chooses, before confirming, between the two mails and a password shown once with a
 * letter to print. The mail is offered only when it can go (an e-mail known, the establishment's
 * details filled in), and the dialog says why not before any click (docs/guide.md §3.2.2).
 */
export function PasswordResetDialog({ person, children = [], hint, reset, onClose }: PasswordResetDialogProps) {
  const settings = useSettings();
  const establishmentIncomplete = (settings.data?.missing.length ?? 0) > 0;
  const canMail = Boolean(person.email) && !establishmentIncomplete;
  const [choice, setChoice] = useState<PasswordHandover | null>(null);
  const [done, setDone] = useState<UserPasswordResetResponse | null>(null);
  const name = personName(person);
  const ofName = deName(name);
  const title = t('users.reset.title', { ofName });
  const delivery: PasswordHandover = choice ?? (canMail ? 'mail' : 'letter');

  if (done) {
    return (
      <Modal opened onClose={onClose} title={title} centered size="lg">
        {done.delivery === 'mail' ? (
          <DoneView message={t('users.reset.done', { ofName, count: done.mailsQueued, email: done.email })} onClose={onClose}>
            <Text size="sm">
              {t('users.reset.mailsNote')} <MailsLink />
            </Text>
          </DoneView>
        ) : (
          <DoneView
            message={t('users.reset.doneLetter', { ofName })}
            actions={
              <Button variant="outline" leftSection={<IconPrinter size={18} aria-hidden="true" />} onClick={() => window.print()}>
                {t('users.reset.print')}
              </Button>
            }
            onClose={onClose}
          >
            <TemporaryCredentials login={done.login} password={done.temporaryPassword} />
            <Text size="sm" className="admin-break">
              {t('users.reset.loginUrl')} {done.loginUrl}
            </Text>
            <Text size="sm">{t('users.reset.shownOnce')}</Text>
            <PasswordLetter letter={{ person, children, login: done.login, temporaryPassword: done.temporaryPassword, loginUrl: done.loginUrl }} />
          </DoneView>
        )}
      </Modal>
    );
  }

  if (settings.isPending) {
    return (
      <Modal opened onClose={onClose} title={title} centered size="lg">
        <PageLoader />
      </Modal>
    );
  }

  const mailHint = !person.email ? t('users.reset.byMailNoEmailHint') : establishmentIncomplete ? t('users.reset.byMailIncompleteHint') : t('users.reset.byMailHint');
  return (
    <ConfirmModal
      opened
      title={title}
      confirmLabel={t('users.reset.confirm')}
      onConfirm={() => reset.mutate(delivery, { onSuccess: setDone })}
      onClose={onClose}
      pending={reset.isPending}
      error={reset.error}
      danger
      explainIncomplete
    >
      <Text>{t('users.reset.text', { ofName })}</Text>
      <Radio.Group label={t('users.reset.how')} value={delivery} onChange={(v) => setChoice(v === 'mail' ? 'mail' : 'letter')}>
        <Stack gap="sm" mt="xs">
          <Radio
            value="mail"
            disabled={!canMail}
            label={person.email ? t('users.reset.byMail', { email: person.email }) : t('users.reset.byMailNoEmail')}
            description={mailHint}
          />
          <Radio value="letter" label={t('users.reset.byLetter')} description={t('users.reset.byLetterHint')} />
        </Stack>
      </Radio.Group>
      {person.email && establishmentIncomplete && <EstablishmentIncompleteNotice onNavigate={onClose} />}
      {hint}
      <Text size="sm">{t('users.reset.consequences')}</Text>
    </ConfirmModal>
  );
}
