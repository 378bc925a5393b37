import type { Evaluation } from '@cerise/common';
import { Textarea } from '@mantine/core';
import { memo, useState } from 'react';
import { hasCode } from '../../../app/api.ts';
import { t } from '../../../app/i18n/t.ts';
import { saveComment } from '../evaluations.api.ts';
import classes from './grid-panels.module.css';

type Learner = Evaluation['learners'][number];

/** One comment per learner, saved when the field is left (each with its own version). */
export const CommentsPanel = memo(function CommentsPanel({ evaluation, readOnly }: { evaluation: Evaluation; readOnly: boolean }) {
  return (
    <section aria-labelledby="evaluations-comments">
      <h2 id="evaluations-comments" className={classes.smallHeading}>
        {t('evaluations.grid.commentsHeading')}
      </h2>
      <div className={classes.comments}>
        {evaluation.learners.map((l) => (
          <CommentField key={l.id} evaluationId={evaluation.id} learner={l} readOnly={readOnly} />
        ))}
      </div>
    </section>
  );
});

function CommentField({ evaluationId, learner, readOnly }: { evaluationId: string; learner: Learner; readOnly: boolean }) {
  const [value, setValue] = useState(learner.comment);
  const [saved, setSaved] = useState({ comment: learner.comment, version: learner.commentVersion });
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const name = `${learner.lastName} ${learner.firstName}`;
  async function save() {
    if (value === saved.comment || readOnly) return;
    try {
      const res = await saveComment(evaluationId, learner.id, value, saved.version);
      setSaved({ comment: res.comment, version: res.commentVersion });
      setMessage({ error: false, text: t('evaluations.grid.commentSaved') });
    } catch (error) {
      setMessage({ error: true, text: hasCode(error, 'evaluations.comment_conflict') ? t('evaluations.grid.commentConflict') : String((error as Error).message) });
    }
  }
  return (
    <Textarea
      label={t('evaluations.grid.commentLabel', { learner: name })}
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={() => void save()}
      readOnly={readOnly}
      autosize
      minRows={2}
      maxLength={4000}
      error={message?.error ? message.text : undefined}
      description={message && !message.error ? message.text : undefined}
    />
  );
}
