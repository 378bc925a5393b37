import { EstablishmentSettingsSchema, type EstablishmentSettings, type SettingsResponse } from '@cerise/common';
import { Button, NumberInput, Radio, Stack, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { hasCode } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useSaveCalculationSettings } from './settings.api.ts';

/** The bounds of `EstablishmentSettingsSchema`. */
const NUMBERS = {
  retentionDays: [30, 3650],
  initialPasswordsDays: [1, 90],
} as const satisfies Record<string, readonly [number, number]>;
type NumberField = keyof typeof NUMBERS;

type Draft = { retention: 'kept' | 'limited'; retentionDays: number | string; initialPasswordsDays: number | string };
type Errors = Partial<Record<NumberField, string>>;

const DEFAULTS = EstablishmentSettingsSchema.parse({});

function draftOf(s: EstablishmentSettings): Draft {
  return {
    retention: s.retentionDaysAfterLeaving === null ? 'kept' : 'limited',
    retentionDays: s.retentionDaysAfterLeaving ?? 365,
    initialPasswordsDays: s.initialPasswordsRetentionDays,
  };
}

const sameDraft = (a: Draft, b: Draft) => a.retention === b.retention && a.retentionDays === b.retentionDays && a.initialPasswordsDays === b.initialPasswordsDays;

function validNumber(d: Draft, f: NumberField): number | null {
  const v = d[f];
  const [min, max] = NUMBERS[f];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null;
}

function validate(d: Draft): Errors {
  const found: Errors = {};
  for (const f of Object.keys(NUMBERS) as NumberField[]) {
    if (f === 'retentionDays' && d.retention === 'kept') continue;
    if (validNumber(d, f) === null) found[f] = t('settings.calculation.range', { min: NUMBERS[f][0], max: NUMBERS[f][1] });
  }
  return found;
}

type RetentionFormProps = {
  data: SettingsResponse;
  onReload: () => Promise<SettingsResponse | undefined>;
};

/**
 * « Conservation des données »: how long the data of people who left and the initial passwords of
 * import reports are kept (docs/security.md). Saved on its own: the calculation settings sent
 * with it are the saved ones, whatever is being typed in the other card.
 */
export function RetentionForm({ data, onReload }: RetentionFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(data.settings));
  const [baseline, setBaseline] = useState<SettingsResponse>(data);
  const [errors, setErrors] = useState<Errors>({});
  const [alertError, setAlertError] = useState<unknown>(null);
  const inputs = useRef<Partial<Record<NumberField, HTMLInputElement | null>>>({});
  const save = useSaveCalculationSettings();
  const conflict = hasCode(alertError, 'common.version_conflict');

  if (baseline !== data) {
    setBaseline(data);
    if (sameDraft(draft, draftOf(baseline.settings))) setDraft(draftOf(data.settings));
  }

  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    const keys = Object.keys(patch);
    if (keys.some((k) => errors[k as NumberField])) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found = validate(draft);
    setErrors(found);
    setAlertError(null);
    const first = (Object.keys(NUMBERS) as NumberField[]).find((f) => found[f]);
    if (first) {
      inputs.current[first]?.focus();
      return;
    }
    save.mutate(
      {
        version: data.version,
        ...data.settings,
        retentionDaysAfterLeaving: draft.retention === 'kept' ? null : validNumber(draft, 'retentionDays'),
        initialPasswordsRetentionDays: validNumber(draft, 'initialPasswordsDays') ?? DEFAULTS.initialPasswordsRetentionDays,
      },
      {
        onSuccess: (result) => {
          setBaseline(result);
          setDraft(draftOf(result.settings));
          notifySuccess(t('settings.retention.saved'));
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
    onChange: (value: number | string) => set({ [f]: value }),
    min: NUMBERS[f][0],
    max: NUMBERS[f][1],
    allowDecimal: false,
    allowNegative: false,
    clampBehavior: 'none' as const,
    error: errors[f],
    required: true,
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="settings-retention-title">
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
        <section aria-labelledby="settings-leavers-title">
          <Title order={3} size="h4" id="settings-leavers-title" mb="xs">
            {t('settings.calculation.retentionTitle')}
          </Title>
          <Radio.Group
            label={t('settings.calculation.retention')}
            description={t('settings.calculation.retentionIntro')}
            value={draft.retention}
            onChange={(value) => set({ retention: value as Draft['retention'] })}
          >
            <Stack gap="sm" mt="xs">
              <Radio value="kept" label={t('settings.calculation.retentionKept')} description={t('settings.calculation.retentionKeptHint')} />
              <Radio value="limited" label={t('settings.calculation.retentionLimited')} description={t('settings.calculation.retentionLimitedHint')} />
            </Stack>
          </Radio.Group>
          {draft.retention === 'limited' && (
            <NumberInput mt="sm" maw={320} label={t('settings.calculation.retentionDays')} {...numberField('retentionDays')} />
          )}
        </section>
        <NumberInput
          maw={420}
          label={t('settings.calculation.initialPasswordsDays')}
          description={t('settings.calculation.initialPasswordsDaysHint')}
          {...numberField('initialPasswordsDays')}
        />
        <div>
          <SubmitButton pending={save.isPending}>{t('settings.retention.submit')}</SubmitButton>
        </div>
      </Stack>
    </form>
  );
}
