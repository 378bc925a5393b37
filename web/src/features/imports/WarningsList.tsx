import type { SiecleImportWarning } from '@cerise/common';
import { Button, List, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { warningText } from './warnings.ts';

const FIRST = 20;

/** The analysis' warnings (file and line) in a card, the first 20 then all on demand; nothing without any. */
export function WarningsList({ warnings }: { warnings: SiecleImportWarning[] }) {
  const [showAll, setShowAll] = useState(false);
  if (warnings.length === 0) return null;
  const shown = showAll ? warnings : warnings.slice(0, FIRST);
  return (
    <Paper withBorder p="lg" radius="md" mb="lg">
      <section aria-labelledby="imports-warnings-title" className="warnings">
        <Title order={2} size="h3" id="imports-warnings-title" mb="xs">
          {t('imports.warnings.title')}{' '}
          <Text span c="dimmed" fw={400} size="md">
            ({t('imports.warnings.count', { count: warnings.length })})
          </Text>
        </Title>
        <Text size="sm" mb="xs">
          {t('imports.warnings.intro')}
        </Text>
        <List size="sm" spacing={4} className="warnings-list">
          {shown.map((w, i) => (
            <List.Item key={i}>{warningText(w)}</List.Item>
          ))}
        </List>
        {!showAll && warnings.length > FIRST && (
          <Button variant="subtle" size="xs" mt="xs" onClick={() => setShowAll(true)}>
            {t('imports.warnings.showAll', { count: warnings.length })}
          </Button>
        )}
      </section>
    </Paper>
  );
}
