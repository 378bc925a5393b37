import type { BlockedCompetency, SituationDetail, SituationInput } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';
import { frenchDate, personLabel } from './format.ts';

/** The form's state: what the learner types, the chosen competency with its items. */
export type SituationFormValues = {
  title: string;
  occurredOn: string;
  place: string;
  context: string;
  conditions: string;
  competencyId: string | null;
  complexityIds: string[];
  hazardIds: string[];
  doneText: string;
  producedText: string;
  analysisText: string;
  usageText: string;
  bepActivityId: string | null;
  bepText: string;
};

export const today = () => new Date().toISOString().slice(0, 10);

export function emptyValues(): SituationFormValues {
  return {
    title: '',
    occurredOn: today(),
    place: '',
    context: '',
    conditions: '',
    competencyId: null,
    complexityIds: [],
    hazardIds: [],
    doneText: '',
    producedText: '',
    analysisText: '',
    usageText: '',
    bepActivityId: null,
    bepText: '',
  };
}

export function valuesOf(s: SituationDetail): SituationFormValues {
  return {
    title: s.title,
    occurredOn: s.occurredOn,
    place: s.place,
    context: s.context,
    conditions: s.conditions,
    competencyId: s.situation.competencyId,
    complexityIds: s.complexityIds,
    hazardIds: s.hazardIds,
    doneText: s.doneText,
    producedText: s.producedText,
    analysisText: s.analysisText,
    usageText: s.usageText,
    bepActivityId: s.bepActivity?.id ?? null,
    bepText: s.bepText,
  };
}

export function toInput(v: SituationFormValues): SituationInput {
  return { ...v, competencyId: v.competencyId ?? '' };
}

export type FormErrors = Partial<Record<'title' | 'occurredOn' | 'competencyId', string>>;

export function validate(v: SituationFormValues): FormErrors {
  const errors: FormErrors = {};
  if (!v.title.trim()) errors.title = t('passport.form.titleRequired');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.occurredOn)) errors.occurredOn = t('passport.form.dateRequired');
  if (!v.competencyId) errors.competencyId = t('passport.form.competencyRequired');
  return errors;
}

/** Competency id → « bloquée par Anne PROF le 28/11/2026 », for the picker. */
export function blockedReasons(blocked: readonly BlockedCompetency[]): Record<string, string> {
  return Object.fromEntries(blocked.map((b) => [b.competencyId, t('passport.form.blockedBy', { name: personLabel(b.teacher), date: frenchDate(b.blockedAt) })]));
}
