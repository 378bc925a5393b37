import type { CompetencyBar, PoleBars } from '@cerise/common';
import { Badge, Box, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { stateColor, stateLabel, stateText } from './states.ts';

type Props = {
  poles: PoleBars[];
  /** Whether a competency is shown (filters). */
  visible: (c: CompetencyBar, poleId: string) => boolean;
  onOpen: (c: CompetencyBar) => void;
  headingLevel?: 3 | 4;
};

/**
 * One bar per competency, grouped by pôle and classe de situations (docs/guide.md § 3.8.2). The bar is
 * coloured by state and the state is written; the percentage shows in a tooltip and in the text
 * (screen readers, print). A click opens the evidence.
 */
export function CompetencyBars({ poles, visible, onOpen, headingLevel = 3 }: Props) {
  const shown = poles
    .map((p) => ({ ...p, classes: p.classes.map((k) => ({ ...k, competencies: k.competencies.filter((c) => visible(c, p.id)) })).filter((k) => k.competencies.length > 0) }))
    .filter((p) => p.classes.length > 0);
  if (shown.length === 0) return <Text>{t('dashboard.bars.none')}</Text>;
  const sub = (headingLevel + 1) as 4 | 5;
  return (
    <>
      {shown.map((pole) => (
        <Box key={pole.id} mb="md">
          <Title order={headingLevel} size="h4" mb={4}>
            {pole.code} {pole.title}
          </Title>
          {pole.classes.map((cls) => (
            <Box key={cls.id} mb="sm" pl={{ base: 0, sm: 'md' }}>
              <Title order={sub} size="h6" mb={4} c="dark.6">
                {cls.code} {cls.title}
              </Title>
              <ul className="dash-bars">
                {cls.competencies.map((c) => (
                  <li key={c.id}>
                    <BarRow c={c} onOpen={onOpen} />
                  </li>
                ))}
              </ul>
            </Box>
          ))}
        </Box>
      ))}
    </>
  );
}

function BarRow({ c, onOpen }: { c: CompetencyBar; onOpen: (c: CompetencyBar) => void }) {
  const evidence = t('dashboard.bars.evidence', { count: c.evidenceCount });
  const text = stateText(c.percent, c.state);
  const width = c.percent === null ? 100 : c.state === 'insufficient' ? Math.max(c.percent, 4) : Math.max(c.percent, 1);
  return (
    <button type="button" className="dash-bar-row" onClick={() => onOpen(c)}>
      <Text span size="sm">
        <strong>{c.code}</strong> {c.label}{' '}
        {c.blocked && (
          <Badge size="xs" color="gray" variant="outline" component="span">
            {t('dashboard.bars.blocked')}
          </Badge>
        )}
      </Text>
      <Tooltip label={c.percent === null ? stateLabel(c.state) : t('dashboard.bars.percent', { percent: c.percent })} withArrow>
        <span className="dash-bar-track" aria-hidden="true">
          <span className="dash-bar-fill" data-state={c.state} style={{ width: `${width}%`, background: stateColor(c.state) }} />
        </span>
      </Tooltip>
      <Text span className="dash-state">
        {text} · {evidence}
        <VisuallyHidden>{t('dashboard.bars.open')}</VisuallyHidden>
      </Text>
    </button>
  );
}
