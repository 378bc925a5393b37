import { checkDisplayFilter, DASHBOARD_STATES, type DashboardState, type DisplayCriterion, type DisplayFilter, type PoleBars } from '@cerise/common';
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Paper, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { stateLabel } from './states.ts';

type Kind = DisplayCriterion['kind'];
const KINDS: Kind[] = ['mastery_above', 'mastery_below', 'state', 'pole', 'blocked'];

function defaultCriterion(kind: Kind, poles: PoleBars[]): DisplayCriterion {
  switch (kind) {
    case 'mastery_above':
    case 'mastery_below':
      return { kind, percent: 50 };
    case 'state':
      return { kind, state: 'acquired' };
    case 'pole':
      return { kind, poleId: poles[0]?.id ?? '' };
    case 'blocked':
      return { kind };
  }
}

/** A filter in words, for the line under the button. */
export function describeDisplayFilter(f: DisplayFilter, poles: PoleBars[]): string {
  return f.criteria
    .map((c, i) => {
      const head = t(`dashboard.display.kinds.${c.kind}`);
      const value =
        c.kind === 'mastery_above' || c.kind === 'mastery_below'
          ? ` ${c.percent} %`
          : c.kind === 'state'
            ? ` : ${stateLabel(c.state)}`
            : c.kind === 'pole'
              ? ` : ${poles.find((p) => p.id === c.poleId)?.code ?? ''}`
              : '';
      const connector = i > 0 ? ` ${t(f.connectors[i - 1] === 'and' ? 'dashboard.display.and' : 'dashboard.display.or')} ` : '';
      return `${connector}${head}${value}`;
    })
    .join('');
}

type Props = { opened: boolean; value: DisplayFilter | null; poles: PoleBars[]; onApply: (f: DisplayFilter | null) => void; onClose: () => void };

/** « Filtrer l'affichage » (docs/guide.md § 3.8.3): criteria, a connector ET / OU chosen between each two. */
export function DisplayFilterDialog({ opened, value, poles, onApply, onClose }: Props) {
  const [draft, setDraft] = useState<DisplayFilter>(value ?? { criteria: [defaultCriterion('mastery_above', poles)], connectors: [] });
  const [problem, setProblem] = useState<string | null>(null);

  const setCriterion = (i: number, c: DisplayCriterion) => setDraft((d) => ({ ...d, criteria: d.criteria.map((x, j) => (j === i ? c : x)) }));
  const add = () => setDraft((d) => ({ criteria: [...d.criteria, defaultCriterion('mastery_above', poles)], connectors: [...d.connectors, null] }));
  const remove = (i: number) =>
    setDraft((d) => ({ criteria: d.criteria.filter((_, j) => j !== i), connectors: d.connectors.filter((_, j) => j !== (i === 0 ? 0 : i - 1)) }));
  const validate = () => {
    const check = checkDisplayFilter(draft);
    if (!check.ok) {
      setProblem(check.problem === 'missing_connector' ? t('dashboard.display.missingConnector', { a: check.index + 1, b: check.index + 2 }) : t('dashboard.display.noCriterion'));
      return;
    }
    setProblem(null);
    onApply(draft);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('dashboard.display.title')} size="lg">
      <Text size="sm" mb="md">
        {t('dashboard.display.intro')}
      </Text>
      <Stack gap="sm">
        {draft.criteria.map((c, i) => (
          <div key={i}>
            {i > 0 && (
              <Radio.Group
                label={t('dashboard.display.connector', { a: i, b: i + 1 })}
                value={draft.connectors[i - 1] ?? ''}
                onChange={(v) => setDraft((d) => ({ ...d, connectors: d.connectors.map((x, j) => (j === i - 1 ? (v as 'and' | 'or') : x)) }))}
                mb="xs"
              >
                <Group mt={4}>
                  <Radio value="and" label={t('dashboard.display.and')} />
                  <Radio value="or" label={t('dashboard.display.or')} />
                </Group>
              </Radio.Group>
            )}
            <Paper withBorder p="sm">
              <Group align="flex-end" wrap="wrap">
                <NativeSelect
                  label={t('dashboard.display.kind', { n: i + 1 })}
                  value={c.kind}
                  onChange={(e) => setCriterion(i, defaultCriterion(e.currentTarget.value as Kind, poles))}
                  data={KINDS.map((k) => ({ value: k, label: t(`dashboard.display.kinds.${k}`) }))}
                />
                {(c.kind === 'mastery_above' || c.kind === 'mastery_below') && (
                  <NumberInput label={t('dashboard.display.percent')} min={0} max={100} suffix=" %" w={120} value={c.percent} onChange={(v) => setCriterion(i, { ...c, percent: Math.max(0, Math.min(100, Number(v) || 0)) })} />
                )}
                {c.kind === 'state' && (
                  <NativeSelect
                    label={t('dashboard.display.state')}
                    value={c.state}
                    onChange={(e) => setCriterion(i, { kind: 'state', state: e.currentTarget.value as DashboardState })}
                    data={DASHBOARD_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
                  />
                )}
                {c.kind === 'pole' && (
                  <NativeSelect
                    label={t('dashboard.display.pole')}
                    value={c.poleId}
                    onChange={(e) => setCriterion(i, { kind: 'pole', poleId: e.currentTarget.value })}
                    data={poles.map((p) => ({ value: p.id, label: `${p.code} ${p.title}` }))}
                  />
                )}
                <Button variant="subtle" color="red" onClick={() => remove(i)} aria-label={`${t('dashboard.display.remove')} (${i + 1})`}>
                  {t('dashboard.display.remove')}
                </Button>
              </Group>
            </Paper>
          </div>
        ))}
      </Stack>
      <Button variant="default" mt="sm" onClick={add}>
        {t('dashboard.display.add')}
      </Button>
      {problem && (
        <Alert color="red" variant="light" mt="md" role="alert">
          {problem}
        </Alert>
      )}
      <Group justify="flex-end" mt="lg">
        <Button
          variant="default"
          onClick={() => {
            setProblem(null);
            setDraft({ criteria: [defaultCriterion('mastery_above', poles)], connectors: [] });
            onApply(null);
          }}
        >
          {t('dashboard.display.reset')}
        </Button>
        <Button onClick={validate}>{t('dashboard.display.apply')}</Button>
      </Group>
    </Modal>
  );
}
