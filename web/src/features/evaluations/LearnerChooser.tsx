import type { EvaluationChoices } from '@cerise/common';
import { Checkbox, SimpleGrid, Stack, Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';

type Props = { choices: EvaluationChoices; value: string[]; onChange: (ids: string[]) => void };

/** The learners of the teacher's classes and groups this school year, ticked one by one or with « tout cocher ». */
export function LearnerChooser({ choices, value, onChange }: Props) {
  const chosen = new Set(value);
  if (choices.classes.length === 0) return <Text>{t('evaluations.editor.noClasses')}</Text>;
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange([...next]);
  };
  return (
    <Stack gap="md">
      <Text size="sm">{t('evaluations.editor.learnersHint', { year: choices.schoolYear })}</Text>
      <Text size="sm" role="status" fw={600}>
        {t('evaluations.editor.selectedLearners', { count: value.length })}
      </Text>
      {choices.classes.map((k) => {
        const ids = k.learners.map((l) => l.id);
        const all = ids.length > 0 && ids.every((id) => chosen.has(id));
        const some = ids.some((id) => chosen.has(id));
        return (
          <fieldset key={k.id} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, padding: '0.5rem 1rem' }}>
            <legend style={{ fontWeight: 700 }}>
              {k.code}
              {k.label ? ` — ${k.label}` : ''}
            </legend>
            <Checkbox
              mb="xs"
              label={t('evaluations.editor.checkAllShort')}
              aria-label={t('evaluations.editor.checkAll', { code: k.code })}
              checked={all}
              indeterminate={some && !all}
              onChange={(e) => toggle(ids, e.currentTarget.checked)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={4}>
              {k.learners.map((l) => (
                <Checkbox key={l.id} label={`${l.lastName} ${l.firstName}`} checked={chosen.has(l.id)} onChange={(e) => toggle([l.id], e.currentTarget.checked)} />
              ))}
            </SimpleGrid>
          </fieldset>
        );
      })}
    </Stack>
  );
}
