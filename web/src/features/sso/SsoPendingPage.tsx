import { Alert, Anchor, Code, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { t } from '../../app/i18n/t.ts';
import { AuthCard } from '../../ui/AuthCard.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { PUBLIC_KEY } from '../auth/auth.api.ts';
import { useChooseAccount, useSsoPending } from './sso.api.ts';

/**
 * `/:uai/connexion-ent`: where an SSO login that did not open a session lands (docs/sso.md): the
 * choice between several accounts, or the refusal with the identifier to give the administrator.
 */
export function SsoPendingPage() {
  const { uai = '' } = useParams();
  const pending = useSsoPending();
  const back = (
    <Anchor component={Link} to={`/${uai}`} underline="always">
      {t('sso.pending.backToLogin')}
    </Anchor>
  );

  if (pending.isPending) return <PageLoader />;
  if (pending.isError) {
    return (
      <AuthCard maw={560}>
        <PageTitle documentTitle={t('sso.pending.documentTitle')}>{t('sso.pending.missingTitle')}</PageTitle>
        <ErrorAlert error={pending.error} />
        <Text mt="md">{back}</Text>
      </AuthCard>
    );
  }
  const data = pending.data;
  if (data.kind === 'choice') return <ChoiceCard label={data.providerLabel} candidates={data.candidates} back={back} />;

  const protocol = data.reason === 'protocol';
  return (
    <AuthCard maw={560}>
      <PageTitle documentTitle={t('sso.pending.documentTitle')}>{t('sso.pending.refusalTitle')}</PageTitle>
      <Text mb="xs">{t(protocol ? 'sso.pending.refusalProtocolIntro' : 'sso.pending.refusalIntro', { label: data.providerLabel })}</Text>
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} mb="md">
        {data.reasonMessage}
      </Alert>
      {data.subject && (
        <Paper withBorder p="md" radius="md" mb="md" component="section" aria-labelledby="sso-identifier-title">
          <Title order={2} size="h4" id="sso-identifier-title" mb="xs">
            {t('sso.pending.identifierTitle')}
          </Title>
          <Text mb="xs">
            {data.providerLabel} : <Code fz="md">{data.subject}</Code>
          </Text>
          <Text size="sm">{t('sso.pending.identifierHelp', { label: data.providerLabel })}</Text>
        </Paper>
      )}
      <Stack gap="xs">
        <Text>{back}</Text>
        {data.logoutUrl && (
          <Text>
            <Anchor href={data.logoutUrl} underline="always">
              {t('sso.pending.providerLogout', { label: data.providerLabel })}
            </Anchor>
          </Text>
        )}
      </Stack>
    </AuthCard>
  );
}

type Candidate = { id: string; uai: string; establishmentName: string; lastName: string; firstName: string };

function ChoiceCard({ label, candidates, back }: { label: string; candidates: Candidate[]; back: ReactNode }) {
  const [picked, setPicked] = useState<string>(candidates[0]?.id ?? '');
  const choose = useChooseAccount();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!picked || choose.isPending) return;
    choose.mutate(picked, {
      onSuccess: async ({ uai }) => {
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== PUBLIC_KEY });
        await navigate(`/${uai}/accueil`, { replace: true });
      },
    });
  };
  return (
    <AuthCard maw={560}>
      <PageTitle documentTitle={t('sso.pending.documentTitle')}>{t('sso.pending.choiceTitle')}</PageTitle>
      {choose.error && <ErrorAlert error={choose.error} />}
      <form onSubmit={onSubmit}>
        <Radio.Group value={picked} onChange={setPicked} label={t('sso.pending.choiceIntro', { label })} mb="md">
          <Stack gap="sm" mt="sm">
            {candidates.map((c) => (
              <Radio
                key={c.id}
                value={c.id}
                label={t('sso.pending.candidate', { name: `${c.firstName} ${c.lastName}`, establishment: c.establishmentName, uai: c.uai })}
              />
            ))}
          </Stack>
        </Radio.Group>
        <SubmitButton pending={choose.isPending}>{t('sso.pending.choose')}</SubmitButton>
      </form>
      <Text mt="md">{back}</Text>
    </AuthCard>
  );
}
