import { Anchor, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { personName } from './scenario-format.ts';
import { newEvaluationPath, scenarioPath } from './scenario-paths.ts';
import { useScenario, useScenarioLearners } from './scenarios.api.ts';

/**
 * `/:uai/scenarios/:scenarioId/evaluer`: « Choisissez les apprenants que vous souhaitez évaluer »
 * (by class or group, tick boxes, « Tout cocher »), then the evaluations module's creation page
 * opens with `?scenario=<id>&learners=<ids>` (docs/guide.md § 3.5 → § 3.6.2).
 */
export function ScenarioEvaluatePage() {
  const { scenarioId = '' } = useParams();
  const { establishment } = useCurrentUser();
  const navigate = useNavigate();
  const scenario = useScenario(scenarioId);
  const learners = useScenarioLearners(scenarioId);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [missing, setMissing] = useState(false);
  const path = scenarioPath(establishment.uai);

  if (scenario.isPending || learners.isPending) return <PageLoader />;
  if (scenario.isError || learners.isError) return <ErrorAlert error={scenario.error ?? learners.error} />;
  const groups = learners.data.groups;

  const toggle = (ids: string[], on: boolean) => {
    setMissing(false);
    setChosen((old) => {
      const next = new Set(old);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.size === 0) {
      setMissing(true);
      return;
    }
    void navigate(newEvaluationPath(establishment.uai, scenarioId, [...chosen]));
  };

  return (
    <>
      <Anchor component={Link} to={path.one(scenarioId)} size="sm">
        {t('scenarios.actions.back')}
      </Anchor>
      <PageTitle mt="sm">{t('scenarios.evaluate.title', { title: scenario.data.title })}</PageTitle>
      <Text mb="md">{t('scenarios.evaluate.intro')}</Text>
      {groups.length === 0 ? (
        <Text>{t('scenarios.evaluate.noGroups')}</Text>
      ) : (
        <form onSubmit={submit} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mb="md">
            {groups.map((g) => {
              const ids = g.learners.map((l) => l.id);
              const picked = ids.filter((id) => chosen.has(id)).length;
              const name = g.kind === 'division' ? t('scenarios.evaluate.division', { code: g.code }) : t('scenarios.evaluate.group', { code: g.code });
              return (
                <Paper withBorder p="md" radius="md" key={g.id} component="fieldset" style={{ margin: 0 }}>
                  <Title order={2} size="h4" component="legend" style={{ padding: '0 4px' }}>
                    {name}
                  </Title>
                  <Text size="sm" c="dimmed" mb="xs">
                    {t('scenarios.evaluate.learnerCount', { count: ids.length })}
                  </Text>
                  {ids.length === 0 ? (
                    <Text size="sm">{t('scenarios.evaluate.noLearner')}</Text>
                  ) : (
                    <Stack gap={6}>
                      <Checkbox
                        fw={600}
                        label={t('scenarios.evaluate.all')}
                        aria-label={`${t('scenarios.evaluate.all')} — ${name}`}
                        checked={picked === ids.length}
                        indeterminate={picked > 0 && picked < ids.length}
                        onChange={(e) => toggle(ids, e.currentTarget.checked)}
                      />
                      {g.learners.map((l) => (
                        <Checkbox key={l.id} label={personName(l)} checked={chosen.has(l.id)} onChange={(e) => toggle([l.id], e.currentTarget.checked)} ml="md" />
                      ))}
                    </Stack>
                  )}
                </Paper>
              );
            })}
          </SimpleGrid>
          <Text role="status" fw={500} mb="sm">
            {t('scenarios.evaluate.chosen', { count: chosen.size })}
          </Text>
          {missing && <ErrorAlert error={t('scenarios.evaluate.chooseFirst')} />}
          <Group>
            <Button type="submit">{t('scenarios.evaluate.create')}</Button>
          </Group>
        </form>
      )}
    </>
  );
}
