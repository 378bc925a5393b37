import type { Scenario } from '@cerise/common';
import { Alert, Anchor, Box, Button, Group, List, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { frenchDate, levelLabel, personName } from './scenario-format.ts';
import { scenarioPath } from './scenario-paths.ts';
import { ScenarioActions } from './ScenarioActions.tsx';
import { useScenario } from './scenarios.api.ts';
import './scenarios.css';

/** `/:uai/scenarios/:scenarioId`: « Consulter » (read-only), printable. */
export function ScenarioPage() {
  const { scenarioId } = useParams();
  const { establishment } = useCurrentUser();
  const navigate = useNavigate();
  const scenario = useScenario(scenarioId);
  const path = scenarioPath(establishment.uai);

  if (scenario.isPending) return <PageLoader />;
  if (scenario.isError) {
    return (
      <>
        <ErrorAlert error={scenario.error} />
        <Anchor component={Link} to={path.list}>
          {t('scenarios.actions.back')}
        </Anchor>
      </>
    );
  }
  const s = scenario.data;
  return (
    <>
      <Anchor component={Link} to={path.list} className="scenario-no-print" size="sm">
        {t('scenarios.actions.back')}
      </Anchor>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} mt="sm" className="scenario-sheet" component="article" aria-labelledby="scenario-title">
        <PageTitle id="scenario-title" documentTitle={s.title}>
          {s.title}
        </PageTitle>
        {!s.isMine && (
          <Alert variant="light" color="blue" mb="md" className="scenario-no-print">
            {t('scenarios.consult.readOnly', { name: personName(s.author) })}
          </Alert>
        )}
        <Group justify="space-between" align="flex-start" mb="md" className="scenario-no-print">
          <ScenarioActions scenario={s} withConsult={false} onDeleted={() => void navigate(path.list)} />
          <Button variant="default" size="compact-sm" leftSection={<IconPrinter size={16} aria-hidden="true" />} onClick={() => window.print()}>
            {t('scenarios.actions.print')}
          </Button>
        </Group>
        <ScenarioFacts s={s} />
        <Field title={t('scenarios.consult.context')} text={s.context} />
        <Field title={t('scenarios.consult.materials')} text={s.materials} />
        <Section title={t('scenarios.consult.links')}>
          {s.links.length === 0 ? (
            <Text c="dimmed">{t('scenarios.consult.empty')}</Text>
          ) : (
            <List className="scenario-links">
              {s.links.map((l) => (
                <List.Item key={l}>
                  <Anchor href={l} target="_blank" rel="noopener noreferrer">
                    {l}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Section>
        <Field title={t('scenarios.consult.resources')} text={s.resources} />
        <Section title={t('scenarios.consult.competencies')}>
          <CompetencyTable s={s} />
        </Section>
        <Section title={t('scenarios.attachments.title')}>
          <AttachmentList scenarioId={s.id} attachments={s.attachments} removable={false} />
        </Section>
      </Paper>
    </>
  );
}

function ScenarioFacts({ s }: { s: Scenario }) {
  const facts: [string, string][] = [
    [t('scenarios.consult.author'), personName(s.author)],
    [t('scenarios.consult.level'), levelLabel(s.level)],
    [t('scenarios.consult.visibility'), s.isPrivate ? t('scenarios.consult.private') : t('scenarios.consult.public')],
    [t('scenarios.consult.updatedAt'), frenchDate(s.updatedAt)],
  ];
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4} mb="md" m={0}>
      {facts.map(([k, v]) => (
        <div key={k}>
          <Text component="dt" size="sm" fw={600} display="inline">
            {k} :{' '}
          </Text>
          <Text component="dd" size="sm" display="inline" m={0}>
            {v}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mt="lg">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Box>
  );
}

function Field({ title, text }: { title: string; text: string }) {
  return (
    <Section title={title}>
      {text.trim() ? <Text className="scenario-text">{text}</Text> : <Text c="dimmed">{t('scenarios.consult.empty')}</Text>}
    </Section>
  );
}

function CompetencyTable({ s }: { s: Scenario }) {
  if (s.competencies.length === 0) return <Text c="dimmed">{t('scenarios.consult.noCompetency')}</Text>;
  const items = (list: { id: string; label: string }[]) =>
    list.length === 0 ? (
      '—'
    ) : (
      <List size="sm" spacing={2}>
        {list.map((i) => (
          <List.Item key={i.id}>{i.label}</List.Item>
        ))}
      </List>
    );
  return (
    // A plain scrolling box that the keyboard can reach (axe: scrollable-region-focusable).
    <Box className="scenario-scroll" tabIndex={0} role="region" aria-label={t('scenarios.consult.competencies')}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs" miw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('scenarios.consult.competency')}</Table.Th>
            <Table.Th scope="col">{t('scenarios.consult.complexities')}</Table.Th>
            <Table.Th scope="col">{t('scenarios.consult.hazards')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.competencies.map((c) => (
            <Table.Tr key={c.competencyId}>
              <Table.Td>
                <Text fw={700} component="span">
                  {c.code}
                </Text>{' '}
                {c.label}
              </Table.Td>
              <Table.Td>{items(c.complexities)}</Table.Td>
              <Table.Td>{items(c.hazards)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
