import {
  checkSettingsConsistency,
  EstablishmentSettingsSchema,
  errorMessage,
  MASTERY_METHOD_LABELS,
  MASTERY_METHODS,
  type EstablishmentSettings,
  type ErrorCode,
  type MasteryMethod,
  type SettingsResponse,
} from '@cerise/common';
import { Button, Group, NumberInput, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { hasCode } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { MasteryExample } from './MasteryExample.tsx';
import { useSaveCalculationSettings } from './settings.api.ts';

/** The numbers of the form, with their bounds (those of `EstablishmentSettingsSchema`). */
const NUMBERS = {
  window: [1, 50],
  bestOf: [1, 20],
  decayLatestPercent: [1, 100],
  inProgressThreshold: [0, 100],
  acquiredThreshold: [0, 100],
  minEvidence: [1, 20],
  ccfReady: [0, 100],
  ccfAlmostReady: [0, 100],
  ccfMinEvidence: [0, 100],
} as const satisfies Record<string, readonly [number, number]>;
type NumberField = keyof typeof NUMBERS;
const NUMBER_FIELDS = Object.keys(NUMBERS) as NumberField[];

type Draft = Record<NumberField, number | string> & { method: MasteryMethod };

const DEFAULTS = EstablishmentSettingsSchema.parse({});

function draftOf(s: EstablishmentSettings): Draft {
  return {
    method: s.mastery.method,
    window: s.mastery.window,
    bestOf: s.mastery.bestOf,
    decayLatestPercent: s.mastery.decayLatestPercent,
    inProgressThreshold: s.mastery.inProgressThreshold,
    acquiredThreshold: s.mastery.acquiredThreshold,
    minEvidence: s.mastery.minEvidence,
    ccfReady: s.ccf.readyMasteryPercent,
    ccfAlmostReady: s.ccf.almostReadyMasteryPercent,
    ccfMinEvidence: s.ccf.minEvidence,
  };
}

const sameDraft = (a: Draft, b: Draft) => (Object.keys(a) as (keyof Draft)[]).every((k) => a[k] === b[k]);

function validNumber(d: Draft, f: NumberField): number | null {
  const v = d[f];
  const [min, max] = NUMBERS[f];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null;
}

/**
 * The settings the draft stands for; a field not (yet) valid takes its fallback's value. The
 * retention settings are not this form's (RetentionForm.tsx): they stay the fallback's.
 */
function settingsOf(d: Draft, fallback: EstablishmentSettings): EstablishmentSettings {
  const n = (f: NumberField, other: number) => validNumber(d, f) ?? other;
  return {
    mastery: {
      method: d.method,
      window: n('window', fallback.mastery.window),
      bestOf: n('bestOf', fallback.mastery.bestOf),
      decayLatestPercent: n('decayLatestPercent', fallback.mastery.decayLatestPercent),
      inProgressThreshold: n('inProgressThreshold', fallback.mastery.inProgressThreshold),
      acquiredThreshold: n('acquiredThreshold', fallback.mastery.acquiredThreshold),
      minEvidence: n('minEvidence', fallback.mastery.minEvidence),
    },
    ccf: {
      readyMasteryPercent: n('ccfReady', fallback.ccf.readyMasteryPercent),
      almostReadyMasteryPercent: n('ccfAlmostReady', fallback.ccf.almostReadyMasteryPercent),
      minEvidence: n('ccfMinEvidence', fallback.ccf.minEvidence),
    },
    retentionDaysAfterLeaving: fallback.retentionDaysAfterLeaving,
    initialPasswordsRetentionDays: fallback.initialPasswordsRetentionDays,
  };
}

type Errors = Partial<Record<NumberField, string>>;

/** What a method computes, with the numbers typed (singular for one piece of evidence). */
function methodDescription(method: MasteryMethod, m: EstablishmentSettings['mastery']): string {
  switch (method) {
    case 'weighted_recent':
      return t('settings.calculation.methods.weighted_recent', { count: m.window });
    case 'best_of':
      return t('settings.calculation.methods.best_of', { count: m.bestOf });
    case 'decaying':
      return t('settings.calculation.methods.decaying', { decay: m.decayLatestPercent });
    case 'mean':
    case 'latest':
      return t(`settings.calculation.methods.${method}`);
  }
}

const PROBLEM_FIELD: Record<string, NumberField> = {
  'mastery.acquiredThreshold': 'acquiredThreshold',
  'ccf.readyMasteryPercent': 'ccfReady',
};

function validate(d: Draft): Errors {
  const found: Errors = {};
  for (const f of NUMBER_FIELDS) {
    if (validNumber(d, f) === null) {
      const [min, max] = NUMBERS[f];
      found[f] = t('settings.calculation.range', { min, max });
    }
  }
  for (const problem of checkSettingsConsistency(settingsOf(d, DEFAULTS))) {
    const f = PROBLEM_FIELD[problem.path];
    if (f && !found[f]) found[f] = errorMessage(problem.code as ErrorCode);
  }
  return found;
}

type CalculationFormProps = {
  data: SettingsResponse;
  onReload: () => Promise<SettingsResponse | undefined>;
};

/** The dashboard's calculation (docs/design.md §5) and the CCF decision aid (§6). */
export function CalculationForm({ data, onReload }: CalculationFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(data.settings));
  const [baseline, setBaseline] = useState<SettingsResponse>(data);
  const [errors, setErrors] = useState<Errors>({});
  const [alertError, setAlertError] = useState<unknown>(null);
  const inputs = useRef<Partial<Record<NumberField, HTMLInputElement | null>>>({});
  const save = useSaveCalculationSettings();

  if (baseline !== data) {
    setBaseline(data);
    if (sameDraft(draft, draftOf(baseline.settings))) setDraft(draftOf(data.settings));
  }

  const live = settingsOf(draft, data.settings);
  // Relations are checked as the user types (the thresholds' order).
  const liveProblems: Errors = {};
  for (const problem of checkSettingsConsistency(live)) {
    const f = PROBLEM_FIELD[problem.path];
    if (f) liveProblems[f] = errorMessage(problem.code as ErrorCode);
  }
  const shownErrors: Errors = { ...liveProblems, ...errors };
  // Thresholds out of order: both fields are marked, the message stands under « acquis » (as the save answers).
  const thresholdsInvalid = liveProblems.acquiredThreshold !== undefined;
  const conflict = hasCode(alertError, 'common.version_conflict');

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    const keys = Object.keys(patch) as NumberField[];
    if (keys.some((k) => errors[k])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k as NumberField))));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found = validate(draft);
    setErrors(found);
    setAlertError(null);
    if (Object.keys(found).length > 0) {
      const first = NUMBER_FIELDS.find((f) => found[f]);
      if (first) inputs.current[first]?.focus();
      return;
    }
    const s = settingsOf(draft, data.settings);
    save.mutate(
      { version: data.version, ...s },
      {
        onSuccess: (result) => {
          setBaseline(result);
          setDraft(draftOf(result.settings));
          notifySuccess(t('settings.calculation.saved'));
        },
        onError: (error) => setAlertError(error),
      },
    );
  };

  const reload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    setBaseline(fresh);
    setDraft(draftOf(fresh.settings));
    setAlertError(null);
    setErrors({});
  };

  const numberField = (f: NumberField) => ({
    ref: (el: HTMLInputElement | null) => {
      inputs.current[f] = el;
    },
    value: draft[f],
    onChange: (value: number | string) => set({ [f]: value } as Partial<Draft>),
    min: NUMBERS[f][0],
    max: NUMBERS[f][1],
    allowDecimal: false,
    allowNegative: false,
    clampBehavior: 'none' as const,
    error: shownErrors[f],
    required: true,
  });

  const m = live.mastery;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="settings-calculation-title">
      <Stack gap="lg">
        {alertError !== null && (
          <div>
            <ErrorAlert error={conflict ? t('settings.conflict') : alertError} />
            {conflict && (
              <Button variant="outline" size="sm" onClick={() => void reload()}>
                {t('settings.reload')}
              </Button>
            )}
          </div>
        )}

        <section aria-labelledby="settings-mastery-title">
          <Title order={3} size="h4" id="settings-mastery-title" mb="xs">
            {t('settings.calculation.masteryTitle')}
          </Title>
          <Text mb="sm">{t('settings.calculation.masteryIntro')}</Text>
          <Radio.Group
            label={t('settings.calculation.method')}
            value={draft.method}
            onChange={(value) => set({ method: value as MasteryMethod })}
            mb="md"
          >
            <Stack gap="sm" mt="xs">
              {MASTERY_METHODS.map((method) => (
                <Radio
                  key={method}
                  value={method}
                  label={MASTERY_METHOD_LABELS[method]}
                  description={methodDescription(method, m)}
                />
              ))}
            </Stack>
          </Radio.Group>

          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" mb="md">
            {draft.method === 'weighted_recent' && (
              <NumberInput label={t('settings.calculation.window')} description={t('settings.calculation.windowHint')} {...numberField('window')} />
            )}
            {draft.method === 'best_of' && (
              <NumberInput label={t('settings.calculation.bestOf')} description={t('settings.calculation.bestOfHint')} {...numberField('bestOf')} />
            )}
            {draft.method === 'decaying' && (
              <NumberInput
                label={t('settings.calculation.decay')}
                description={t('settings.calculation.decayHint')}
                {...numberField('decayLatestPercent')}
              />
            )}
            <NumberInput
              label={t('settings.calculation.minEvidence')}
              description={t('settings.calculation.minEvidenceHint')}
              {...numberField('minEvidence')}
            />
          </SimpleGrid>

          <Title order={4} size="h5" mb="xs">
            {t('settings.calculation.thresholdsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" mb="xs">
            <NumberInput
              label={t('settings.calculation.inProgress')}
              description={t('settings.calculation.inProgressHint')}
              {...numberField('inProgressThreshold')}
              error={shownErrors.inProgressThreshold ?? thresholdsInvalid}
            />
            <NumberInput
              label={t('settings.calculation.acquired')}
              description={t('settings.calculation.acquiredHint')}
              {...numberField('acquiredThreshold')}
            />
          </SimpleGrid>
          <Text size="sm" mb="md" aria-live="polite">
            {liveProblems.acquiredThreshold
              ? ''
              : t('settings.calculation.statesSummary', {
                  inProgress: m.inProgressThreshold,
                  acquired: m.acquiredThreshold,
                  lastNotAcquired: Math.max(0, m.inProgressThreshold - 1),
                  lastInProgress: Math.max(0, m.acquiredThreshold - 1),
                })}
          </Text>

          <MasteryExample mastery={m} />
        </section>

        <section aria-labelledby="settings-ccf-title">
          <Title order={3} size="h4" id="settings-ccf-title" mb="xs">
            {t('settings.calculation.ccfTitle')}
          </Title>
          <Text mb="xs">{t('settings.calculation.ccfIntro')}</Text>
          <Text size="sm" mb="sm">
            {t('settings.calculation.ccfRule', {
              ready: live.ccf.readyMasteryPercent,
              almost: live.ccf.almostReadyMasteryPercent,
              evidence: t('settings.calculation.ccfRuleEvidence', { count: live.ccf.minEvidence }),
            })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <NumberInput label={t('settings.calculation.ccfReady')} description={t('settings.calculation.ccfReadyHint')} {...numberField('ccfReady')} />
            <NumberInput
              label={t('settings.calculation.ccfAlmostReady')}
              description={t('settings.calculation.ccfAlmostReadyHint')}
              {...numberField('ccfAlmostReady')}
            />
            <NumberInput
              label={t('settings.calculation.ccfMinEvidence')}
              description={t('settings.calculation.ccfMinEvidenceHint')}
              {...numberField('ccfMinEvidence')}
            />
          </SimpleGrid>
          <Text size="sm" mt="xs">
            {t('settings.calculation.bepNote')}
          </Text>
        </section>

        <Group gap="sm">
          <SubmitButton pending={save.isPending}>{t('settings.calculation.submit')}</SubmitButton>
          <Button
            variant="default"
            onClick={() => {
              setDraft(draftOf(DEFAULTS));
              setErrors({});
            }}
          >
            {t('settings.calculation.defaults')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
