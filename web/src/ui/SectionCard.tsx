import { Paper, Title, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

type SectionCardProps = {
  /** The heading's id: it names the section. */
  id: string;
  title: ReactNode;
  /** Space under the heading. */
  titleMb?: MantineSpacing | 0;
  mb?: MantineSpacing | 0;
  className?: string;
  children: ReactNode;
};

/** A bordered section of a page, named by its level-2 heading. */
export function SectionCard({ id, title, titleMb = 'sm', mb = 'lg', className, children }: SectionCardProps) {
  return (
    <Paper withBorder p="lg" radius="md" mb={mb} component="section" aria-labelledby={id} className={className}>
      <Title order={2} size="h3" mb={titleMb} id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}
