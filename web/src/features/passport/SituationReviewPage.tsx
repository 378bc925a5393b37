import { LEVEL_BY_CODE, MODULE_PATHS, REVIEW_LEVEL_CODES, type ReviewLevelCode, type SituationDetail } from '@cerise/common';
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Radio, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FrenchDateInput } from '../../ui/FrenchDateInput.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { useReferentialTree, useResolvedReferentialId } from '../referentials/referentials.api.ts';
import { indexTree } from '../referentials/referentials.search.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { frenchDate, personLabel } from './format.ts';
import { useAdjustItems, useReview, useSetBlocked, useSituation } from './passport.api.ts';
import { today } from './situation-form.ts';

/** `situations/:id` for a teacher, an administrator or a parent: read the entry; a teacher reviews it (docs/guide.md § 3.8.2). */
export function SituationReviewPage() {
  const { id } = useParams();
  const situation = useSituation(id);
  const { user, establishment } = useCurrentUser();
  if (situation.error) return <ErrorAlert error={situation.error} onRetry={() => void situation.refetch()} />;
  if (!situation.data) return <PageLoader />;
  const s = situation.data;
  const isTeacher = user.profiles.includes('teacher');
  return (
    <div aria-busy={situation.isFetching}>
      <PageTitle>{s.title}</PageTitle>
      <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.passport}/apprenants/${s.learner.id}`} size="sm">
        {t('passport.review.backToLearner', { name: personLabel(s.learner) })}
      </Anchor>
      <Stack gap="md" mt="md">
        {s.changedSinceReview && (
          <Alert color="orange" variant="light">
            {t('passport.list.changedSinceReview')}
          </Alert>
        )}
        <Card withBorder>
          <Text size="sm">{t('passport.review.meta', { date: frenchDate(s.occurredOn), created: frenchDate(s.createdAt), place: s.place || '—' })}</Text>
          <Text mt="xs" c={s.blocked ? 'red.9' : undefined} fw={600}>
            {s.situation.situationCode} {s.situation.situationTitle}
          </Text>
          <Text size="sm">
            {s.situation.competencyCode} — {s.situation.competencyLabel}
          </Text>
          {s.blocked && (
            <Badge color="red.9" mt="xs" leftSection={<IconLock size={12} aria-hidden="true" />}>
              {t('passport.list.blocked')}
            </Badge>
          )}
          {isTeacher && <BlockSwitch situation={s} />}
          {isTeacher && (
            <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.scenarios}/nouveau?fromSituation=${s.id}`} display="block" mt="sm">
              {t('passport.review.createScenario')}
            </Anchor>
          )}
        </Card>
        <ItemsCard situation={s} editable={isTeacher} />
        <Part title={t('passport.form.contextPart')}>
          <Field label={t('passport.form.context')} value={s.context} />
          <Field label={t('passport.form.conditions')} value={s.conditions} />
        </Part>
        <Part title={t('passport.form.bacproPart')}>
          <Field label={t('passport.form.done')} value={s.doneText} />
          <Field label={t('passport.form.produced')} value={s.producedText} />
          <Field label={t('passport.form.analysis')} value={s.analysisText} />
          <Field label={t('passport.form.usage')} value={s.usageText} />
        </Part>
        <Part title={t('passport.form.bepPart')}>
          {s.bepActivity ? (
            <>
              <Field label={t('passport.form.bepActivity')} value={`${s.bepActivity.code} — ${s.bepActivity.label}`} />
              <Field label={t('passport.form.bepText')} value={s.bepText} />
            </>
          ) : (
            <Text c="dimmed">{t('passport.review.noBep')}</Text>
          )}
        </Part>
        <AttachmentsPanel situation={s} editable={false} />
        <Reviews situation={s} />
        {isTeacher && <ReviewForm situation={s} />}
      </Stack>
    </div>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      <Stack gap="xs">{children}</Stack>
    </section>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text fw={600} size="sm">
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{value.trim() || '—'}</Text>
    </div>
  );
}

function BlockSwitch({ situation }: { situation: SituationDetail }) {
  const set = useSetBlocked();
  return (
    <>
      <Switch
        mt="sm"
        color="red.9"
        checked={situation.blocked}
        disabled={set.isPending}
        label={situation.blocked ? t('passport.review.blocked') : t('passport.review.notBlocked')}
        description={t('passport.review.blockHint', { code: situation.situation.competencyCode })}
        onChange={(e) => set.mutate({ learnerId: situation.learner.id, competencyId: situation.situation.competencyId, blocked: e.currentTarget.checked })}
      />
      {set.error && <ErrorAlert error={set.error} />}
    </>
  );
}

function ItemsCard({ situation, editable }: { situation: SituationDetail; editable: boolean }) {
  const resolved = useResolvedReferentialId(undefined);
  const tree = useReferentialTree(resolved.referentialId);
  const entry = useMemo(() => (tree.data ? indexTree(tree.data).byId.get(situation.situation.competencyId) : undefined), [tree.data, situation.situation.competencyId]);
  const [complexityIds, setComplexityIds] = useState(situation.complexityIds);
  const [hazardIds, setHazardIds] = useState(situation.hazardIds);
  const adjust = useAdjustItems();
  if (!entry) return null;
  const group = (label: string, items: { id: string; label: string }[], value: string[], onChange: (v: string[]) => void) => (
    <Checkbox.Group label={label} value={value} onChange={onChange}>
      <Stack gap={4} mt={4}>
        {items.length === 0 && <Text size="sm" c="dimmed">{t('passport.review.noItems')}</Text>}
        {items.map((i) => (
          <Checkbox key={i.id} value={i.id} label={i.label} disabled={!editable} radius="sm" />
        ))}
      </Stack>
    </Checkbox.Group>
  );
  return (
    <section>
      <Title order={2} size="h3" mb="xs">
        {t('passport.review.itemsTitle')}
      </Title>
      <Stack gap="sm">
        {group(t('passport.review.complexities'), entry.competency.complexities, complexityIds, setComplexityIds)}
        {group(t('passport.review.hazards'), entry.competency.hazards, hazardIds, setHazardIds)}
        {editable && (
          <Group>
            <Button
              variant="light"
              loading={adjust.isPending}
              onClick={() => adjust.mutate({ id: situation.id, complexityIds, hazardIds, version: situation.version }, { onSuccess: () => notifySuccess(t('passport.review.itemsSaved')) })}
            >
              {t('passport.review.saveItems')}
            </Button>
          </Group>
        )}
        {adjust.error && <ErrorAlert error={adjust.error} />}
      </Stack>
    </section>
  );
}

function Reviews({ situation }: { situation: SituationDetail }) {
  return (
    <section>
      <Title order={2} size="h3" mb="xs">
        {t('passport.review.historyTitle')}
      </Title>
      {situation.reviews.length === 0 ? (
        <Text c="dimmed">{t('passport.review.none')}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0 }}>
          {[...situation.reviews].reverse().map((r) => (
            <Card component="li" withBorder key={r.id} padding="xs">
              <Text fw={600}>{t('passport.review.line', { level: LEVEL_BY_CODE[r.level].label, date: frenchDate(r.reviewedOn), name: personLabel(r.teacher) })}</Text>
              {r.appraisal && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r.appraisal}</Text>}
            </Card>
          ))}
        </Stack>
      )}
    </section>
  );
}

function ReviewForm({ situation }: { situation: SituationDetail }) {
  const [level, setLevel] = useState<ReviewLevelCode | ''>('');
  const [appraisal, setAppraisal] = useState('');
  const [reviewedOn, setReviewedOn] = useState(today());
  const review = useReview();
  return (
    <section>
      <Title order={2} size="h3" mb="xs">
        {t('passport.review.formTitle')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!level) return;
          review.mutate(
            { id: situation.id, input: { level, appraisal, reviewedOn } },
            {
              onSuccess: () => {
                notifySuccess(t('passport.review.saved'));
                setLevel('');
                setAppraisal('');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Radio.Group label={t('passport.review.level')} value={level} onChange={(v) => setLevel(v as ReviewLevelCode)} required>
            <Stack gap={6} mt={4}>
              {REVIEW_LEVEL_CODES.map((code) => (
                <Radio key={code} value={code} label={LEVEL_BY_CODE[code].label} description={LEVEL_BY_CODE[code].meaning} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea label={t('passport.review.appraisal')} autosize minRows={2} value={appraisal} onChange={(e) => setAppraisal(e.currentTarget.value)} />
          <FrenchDateInput label={t('passport.review.date')} value={reviewedOn} onChange={(v) => setReviewedOn(v ?? today())} maw={240} />
          {review.error && <ErrorAlert error={review.error} />}
          <Group>
            <Button type="submit" disabled={!level} loading={review.isPending}>
              {t('passport.review.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </section>
  );
}
