import { MAIL_STATUS_LABELS, type OutboxMail } from '@cerise/common';
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { BackLink } from '../settings/BackLink.tsx';
import { frenchDateTime } from '../users/format.ts';
import { useMails } from './mails.api.ts';
import '../users/admin.css';
import './mails.css';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<OutboxMail['status'], string> = { pending: 'orange', sent: 'green', failed: 'red' };

/** One mail: who, what, when, its state; the text (passwords!) only on demand. */
function MailCard({ mail }: { mail: OutboxMail }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <Card component="li" withBorder padding="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div className="mail-head">
          <Title order={2} size="h5" className="admin-break">
            {mail.subject}
          </Title>
          <Text size="sm" className="admin-break">
            {t('mails.to')} <strong>{mail.to}</strong>
          </Text>
          <Text size="sm" c="dimmed">
            {t('mails.createdAt', { date: frenchDateTime(mail.createdAt) })}
            {mail.sentAt && ` — ${t('mails.sentAt', { date: frenchDateTime(mail.sentAt) })}`}
          </Text>
        </div>
        <Badge color={STATUS_COLOR[mail.status]} variant="light" radius="sm" size="lg">
          {MAIL_STATUS_LABELS[mail.status]}
        </Badge>
      </Group>
      {mail.status === 'failed' && mail.lastError && (
        <Text size="sm" mt="xs" c="red.8">
          {t('mails.failed', { attempts: mail.attempts, error: mail.lastError })}
        </Text>
      )}
      <Button
        variant="subtle"
        size="xs"
        mt="xs"
        px={4}
        className="mail-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        leftSection={open ? <IconChevronUp size={16} aria-hidden="true" /> : <IconChevronDown size={16} aria-hidden="true" />}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? t('mails.hideText') : t('mails.showText')}
      </Button>
      <pre id={bodyId} hidden={!open} className="mail-text">
        {mail.text}
      </pre>
    </Card>
  );
}

/** `/:uai/parametres/courriels`: the establishment's outbox (administrators). */
export function MailsPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const mails = useMails(page, PAGE_SIZE);
  const listRef = useRef<HTMLParagraphElement>(null);

  return (
    <>
      <PageTitle>{t('mails.title')}</PageTitle>
      <Text mb="xs">{t('mails.intro')}</Text>
      <BackLink />

      {mails.data &&
        (mails.data.smtpConfigured ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />} mb="md">
            {t('mails.smtpOn')}
          </Alert>
        ) : (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('mails.smtpOffTitle')} mb="md">
            {t('mails.smtpOff')}
          </Alert>
        ))}
      <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />} mb="md">
        {t('mails.secrets')}
      </Alert>

      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text size="sm" role="status" ref={listRef} tabIndex={-1} fw={500}>
          {mails.data ? t('mails.pageInfo', { page, count: mails.data.items.length }) : ''}
        </Text>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconRefresh size={16} aria-hidden="true" />}
          onClick={() => void mails.refetch()}
          aria-disabled={mails.isFetching || undefined}
        >
          {t('mails.refresh')}
        </Button>
      </Group>

      {mails.isPending && <PageLoader />}
      {mails.isError && <ErrorAlert error={mails.error} onRetry={() => void mails.refetch()} />}
      {mails.data && mails.data.items.length === 0 && <Text>{t('mails.empty')}</Text>}
      {mails.data && mails.data.items.length > 0 && (
        <Stack component="ul" gap="sm" className="admin-plain-list" aria-label={t('mails.listLabel')}>
          {mails.data.items.map((m) => (
            <MailCard key={m.id} mail={m} />
          ))}
        </Stack>
      )}
      <Pager
        label={t('mails.pagerLabel')}
        page={page}
        pageCount={null}
        hasNext={mails.data?.hasMore ?? false}
        onChange={(p) => {
          setParams(p > 1 ? { page: String(p) } : {}, { replace: true });
          requestAnimationFrame(() => listRef.current?.focus());
        }}
      />
    </>
  );
}
