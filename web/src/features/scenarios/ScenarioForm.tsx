import { isWebLink, SCENARIO_TITLE_MAX, type Scenario, type SchoolLevel } from '@cerise/common';
import { Button, Checkbox, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { t } from '../../app/i18n/t.ts';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { CompetencyPicker, type CompetencySelection } from '../referentials/picker/CompetencyPicker.tsx';
import { levelOptions } from './ScenarioDialogs.tsx';

export type ScenarioFormValues = {
  title: string;
  isPrivate: boolean;
  level: SchoolLevel | null;
  context: string;
  materials: string;
  links: string[];
  resources: string;
  competencies: CompetencySelection[];
};

export const emptyValues = (): ScenarioFormValues => ({ title: '', isPrivate: false, level: null, context: '', materials: '', links: [], resources: '', competencies: [] });

export const valuesOf = (s: Scenario): ScenarioFormValues => ({
  title: s.title,
  isPrivate: s.isPrivate,
  level: s.level,
  context: s.context,
  materials: s.materials,
  links: s.links,
  resources: s.resources,
  competencies: s.competencies.map((c) => ({ competencyId: c.competencyId, complexityIds: c.complexityIds, hazardIds: c.hazardIds })),
});

type Props = {
  initial: ScenarioFormValues;
  submitLabel: string;
  pending: boolean;
  onSubmit: (values: ScenarioFormValues) => void;
  onCancel: () => void;
  /** Shown above the buttons (an error, the 409 choice). */
  status?: ReactNode;
};

/** The fields of a scenario, the title first (docs/guide.md § 3.5), and the competency picker. */
export function ScenarioForm({ initial, submitLabel, pending, onSubmit, onCancel, status }: Props) {
  const [v, setV] = useState(initial);
  const [linksText, setLinksText] = useState(initial.links.join('\n'));
  const [errors, setErrors] = useState<{ title?: string; links?: string }>({});
  const titleRef = useRef<HTMLInputElement>(null);
  const linksRef = useRef<HTMLTextAreaElement>(null);
  const set = <K extends keyof ScenarioFormValues>(k: K, value: ScenarioFormValues[K]) => setV((old) => ({ ...old, [k]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const links = linksText.split('\n').map((l) => l.trim()).filter(Boolean);
    const bad = links.find((l) => !isWebLink(l));
    const next = { title: v.title.trim() ? undefined : t('scenarios.form.titleRequired'), links: bad === undefined ? undefined : t('scenarios.form.linkInvalid', { link: bad }) };
    setErrors(next);
    if (next.title) return titleRef.current?.focus();
    if (next.links) return linksRef.current?.focus();
    onSubmit({ ...v, title: v.title.trim(), links });
  };

  return (
    <form onSubmit={submit} noValidate>
      <RequiredFieldsNote />
      <SectionCard id="scenario-fields" title={t('scenarios.form.fieldsTitle')}>
        <Stack gap="md">
          <TextInput
            ref={titleRef}
            label={t('scenarios.form.title')}
            required
            maxLength={SCENARIO_TITLE_MAX}
            value={v.title}
            error={errors.title}
            onChange={(e) => {
              set('title', e.currentTarget.value);
              setErrors((old) => ({ ...old, title: undefined }));
            }}
          />
          <Checkbox label={t('scenarios.form.private')} description={t('scenarios.form.privateHint')} checked={v.isPrivate} onChange={(e) => set('isPrivate', e.currentTarget.checked)} />
          <NativeSelect
            label={t('scenarios.form.level')}
            value={v.level ?? ''}
            onChange={(e) => set('level', (e.currentTarget.value || null) as SchoolLevel | null)}
            data={levelOptions(t('scenarios.form.levelNone'))}
            maw={320}
          />
          <Textarea label={t('scenarios.form.context')} autosize minRows={3} maxRows={14} value={v.context} onChange={(e) => set('context', e.currentTarget.value)} />
          <Textarea label={t('scenarios.form.materials')} autosize minRows={2} maxRows={8} value={v.materials} onChange={(e) => set('materials', e.currentTarget.value)} />
          <Textarea
            ref={linksRef}
            label={t('scenarios.form.links')}
            description={t('scenarios.form.linksHint')}
            autosize
            minRows={2}
            maxRows={8}
            value={linksText}
            error={errors.links}
            onChange={(e) => {
              setLinksText(e.currentTarget.value);
              setErrors((old) => ({ ...old, links: undefined }));
            }}
          />
          <Textarea label={t('scenarios.form.resources')} autosize minRows={2} maxRows={8} value={v.resources} onChange={(e) => set('resources', e.currentTarget.value)} />
        </Stack>
      </SectionCard>
      <SectionCard id="scenario-competencies" title={t('scenarios.form.competencies')}>
        <CompetencyPicker value={v.competencies} onChange={(c) => set('competencies', c)} headingLevel={3} />
      </SectionCard>
      {status}
      <Group gap="sm" mb="lg">
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        <Button variant="default" onClick={onCancel}>
          {t('scenarios.form.cancel')}
        </Button>
      </Group>
    </form>
  );
}
