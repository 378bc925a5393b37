import { LEVEL_BY_CODE, type SituationSummary } from '@cerise/common';
import { Badge, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconPaperclip } from '@tabler/icons-react';
import { t } from '../../app/i18n/t.ts';
import { frenchDate } from './format.ts';

/**
 * The marks of a situation in a list (docs/guide.md § 3.7.1): paperclip, BEP activity, last review,
 * « modifiée depuis l'évaluation », blocked competency. Every tooltip is also said in text.
 */
export function SituationMarks({ item, showBlocked }: { item: SituationSummary; showBlocked: boolean }) {
  const review = item.lastReview;
  const level = review ? LEVEL_BY_CODE[review.level] : null;
  return (
    <Group gap={6} wrap="wrap">
      {item.attachmentCount > 0 && (
        <Text span size="sm" c="dimmed" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
          <IconPaperclip size={16} aria-hidden="true" />
          <VisuallyHidden>{t('passport.list.attachments', { count: item.attachmentCount })}</VisuallyHidden>
          <span aria-hidden="true">{item.attachmentCount}</span>
        </Text>
      )}
      {item.bepActivity && (
        <Tooltip label={`${item.bepActivity.code} — ${item.bepActivity.label}`} multiline w={280} events={{ hover: true, focus: true, touch: true }}>
          <Badge variant="outline" color="grape" tabIndex={0} component="span">
            <span aria-hidden="true">{t('passport.list.bepShort')}</span>
            <VisuallyHidden>{t('passport.list.bep', { code: item.bepActivity.code, label: item.bepActivity.label })}</VisuallyHidden>
          </Badge>
        </Tooltip>
      )}
      {review && level && (
        <Tooltip
          label={review.appraisal || t('passport.list.noAppraisal')}
          multiline
          w={280}
          events={{ hover: true, focus: true, touch: true }}
        >
          <Badge tabIndex={0} component="span" style={{ backgroundColor: level.color, color: level.text }} data-testid="last-review">
            <span aria-hidden="true">{level.short}</span>
            <VisuallyHidden>
              {t('passport.list.review', { level: level.label, date: frenchDate(review.reviewedOn) })}
              {review.appraisal ? ` ${t('passport.list.appraisal', { text: review.appraisal })}` : ''}
            </VisuallyHidden>
          </Badge>
        </Tooltip>
      )}
      {item.changedSinceReview && (
        <Text span size="sm" fw={600} c="orange.9" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <IconAlertTriangle size={14} aria-hidden="true" />
          {t('passport.list.changedSinceReview')}
        </Text>
      )}
      {showBlocked && item.blocked && (
        <Text span size="sm" fw={700} c="red.9" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <IconLock size={14} aria-hidden="true" />
          {t('passport.list.blocked')}
        </Text>
      )}
    </Group>
  );
}
