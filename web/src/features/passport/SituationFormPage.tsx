import { MODULE_PATHS } from '@cerise/common';
import type { SituationDetail } from '@cerise/common';
import { Alert, Anchor, Button, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hasCode } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FrenchDateInput } from '../../ui/FrenchDateInput.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { CompetencyPicker } from '../referentials/picker/CompetencyPicker.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { BepPrompt } from './BepPrompt.tsx';
import { useBepChoices, useCreateSituation, useDeleteSituation, useSituation, useSituations, useUpdateSituation } from './passport.api.ts';
import { blockedReasons, emptyValues, toInput, validate, valuesOf, type FormErrors, type SituationFormValues } from './situation-form.ts';

const NO_FILTER = { title: '', date: '', competency: '', page: 1 };

/** `nouvelle` and `situations/:id` for the learner: « Nouvelle situation professionnelle » and its modification. */
export function SituationFormPage() {
  const { id } = useParams();
  const situation = useSituation(id);
  if (id && situation.error) return <ErrorAlert error={situation.error} onRetry={() => void situation.refetch()} />;
  if (id && !situation.data) return <PageLoader />;
  return <SituationForm key={situation.data ? `${situation.data.id}` : 'new'} initial={situation.data ?? null} />;
}

type Exit = 'continue' | 'quit';

function SituationForm({ initial }: { initial: SituationDetail | null }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const listPath = `/${me.establishment.uai}/${MODULE_PATHS.passport}`;
  const [values, setValues] = useState<SituationFormValues>(() => (initial ? valuesOf(initial) : emptyValues()));
  const [version, setVersion] = useState(initial?.version ?? 0);
  const [current, setCurrent] = useState<SituationDetail | null>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [bepAsked, setBepAsked] = useState<string | null>(initial?.situation.competencyId ?? null);
  const [prompt, setPrompt] = useState<Exit | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const blocked = useSituations(me.user.id, NO_FILTER).data?.blocked ?? [];
  const bep = useBepChoices(values.competencyId);
  const create = useCreateSituation();
  const update = useUpdateSituation();
  const remove = useDeleteSituation();
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error ?? remove.error;
  const set = <K extends keyof SituationFormValues>(key: K, value: SituationFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = (exit: Exit, next: SituationFormValues = values) => {
    const found = validate(next);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    // The BEP prompt: once per competency, when the referential links it to BEP activities.
    if (next.competencyId && bepAsked !== next.competencyId && !next.bepActivityId && (bep.data?.suggestedCount ?? 0) > 0) {
      setPrompt(exit);
      return;
    }
    const done = (s: SituationDetail) => {
      setCurrent(s);
      setVersion(s.version);
      notifySuccess(t('passport.form.saved'));
      if (exit === 'quit') void navigate(listPath);
      else if (!initial) void navigate(`${listPath}/situations/${s.id}`, { replace: true });
    };
    if (current) update.mutate({ id: current.id, input: { ...toInput(next), version } }, { onSuccess: done });
    else create.mutate(toInput(next), { onSuccess: done });
  };

  const onBepChosen = (activityId: string | null) => {
    const exit = prompt ?? 'continue';
    setPrompt(null);
    setBepAsked(values.competencyId);
    const next = { ...values, bepActivityId: activityId };
    setValues(next);
    // A new situation stays open after the choice, for the BEP part's details and the attachments.
    save(current ? exit : 'continue', next);
  };

  const title = initial ? t('passport.form.editTitle') : t('passport.form.newTitle');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Anchor component={Link} to={listPath} size="sm">
        {t('passport.backToList')}
      </Anchor>
      {current?.changedSinceReview && (
        <Alert color="orange" variant="light" mt="sm">
          {t('passport.list.changedSinceReview')}
        </Alert>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save(initial ? 'continue' : 'continue');
        }}
      >
        <Stack gap="sm" mt="md">
          <TextInput label={t('passport.form.title')} required value={values.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} />
          <FrenchDateInput label={t('passport.form.date')} required value={values.occurredOn} error={errors.occurredOn} onChange={(v) => set('occurredOn', v ?? '')} />
          <TextInput label={t('passport.form.place')} value={values.place} onChange={(e) => set('place', e.currentTarget.value)} />
          <Textarea label={t('passport.form.context')} autosize minRows={2} value={values.context} onChange={(e) => set('context', e.currentTarget.value)} />
          <Textarea label={t('passport.form.conditions')} autosize minRows={2} value={values.conditions} onChange={(e) => set('conditions', e.currentTarget.value)} />
          <div>
            <CompetencyPicker
              multiple={false}
              headingLevel={2}
              label={t('passport.form.competency')}
              blocked={blockedReasons(blocked)}
              value={values.competencyId ? [{ competencyId: values.competencyId, complexityIds: values.complexityIds, hazardIds: values.hazardIds }] : []}
              onChange={(sel) => {
                const s = sel[0];
                setValues((v) => ({ ...v, competencyId: s?.competencyId ?? null, complexityIds: s?.complexityIds ?? [], hazardIds: s?.hazardIds ?? [], ...(s?.competencyId !== v.competencyId ? { bepActivityId: null } : {}) }));
              }}
            />
            {errors.competencyId && (
              <Text c="red.8" size="sm" role="alert">
                {errors.competencyId}
              </Text>
            )}
          </div>
          <Title order={2} size="h3" mt="md">
            {t('passport.form.bacproPart')}
          </Title>
          <Textarea label={t('passport.form.done')} autosize minRows={2} value={values.doneText} onChange={(e) => set('doneText', e.currentTarget.value)} />
          <Textarea label={t('passport.form.produced')} autosize minRows={2} value={values.producedText} onChange={(e) => set('producedText', e.currentTarget.value)} />
          <Textarea label={t('passport.form.analysis')} autosize minRows={2} value={values.analysisText} onChange={(e) => set('analysisText', e.currentTarget.value)} />
          <Textarea label={t('passport.form.usage')} autosize minRows={2} value={values.usageText} onChange={(e) => set('usageText', e.currentTarget.value)} />
          {current && (
            <>
              <Title order={2} size="h3" mt="md">
                {t('passport.form.bepPart')}
              </Title>
              <NativeSelect
                label={t('passport.form.bepActivity')}
                value={values.bepActivityId ?? ''}
                onChange={(e) => set('bepActivityId', e.currentTarget.value || null)}
                data={[{ value: '', label: t('passport.bep.none') }, ...(bep.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.code} — ${a.label}` }))]}
              />
              <Textarea label={t('passport.form.bepText')} autosize minRows={2} value={values.bepText} disabled={!values.bepActivityId} onChange={(e) => set('bepText', e.currentTarget.value)} />
            </>
          )}
          {current && (
            <AttachmentsPanel
              situation={current}
              editable
              onChanged={(s) => {
                setCurrent(s);
                setVersion(s.version);
              }}
            />
          )}
          {error && (
            <div>
              <ErrorAlert error={error} />
              {hasCode(error, 'passport.version_conflict') && (
                <Button variant="outline" size="xs" onClick={() => window.location.reload()}>
                  {t('passport.form.reload')}
                </Button>
              )}
            </div>
          )}
          <Group gap="xs">
            {current ? (
              <>
                <Button type="button" loading={saving} onClick={() => save('continue')}>
                  {t('passport.form.saveContinue')}
                </Button>
                <Button type="button" variant="light" loading={saving} onClick={() => save('quit')}>
                  {t('passport.form.saveQuit')}
                </Button>
                <Button type="button" variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                  {t('passport.form.delete')}
                </Button>
              </>
            ) : (
              <Button type="submit" loading={saving}>
                {t('passport.form.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      {!current && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('passport.form.afterSaveHint')}
        </Text>
      )}
      <BepPrompt opened={prompt !== null} choices={bep.data?.items ?? []} onChoose={onBepChosen} onCancel={() => setPrompt(null)} />
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('passport.form.deleteTitle')} closeButtonProps={{ 'aria-label': t('app.close') }}>
        <Text mb="md">{t('passport.form.deleteConfirm', { title: values.title })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            {t('passport.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              current &&
              remove.mutate(
                { id: current.id, version },
                {
                  onSuccess: () => {
                    notifySuccess(t('passport.form.deleted'));
                    void navigate(listPath);
                  },
                  onSettled: () => setConfirmDelete(false),
                },
              )
            }
          >
            {t('passport.form.deleteOk')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
