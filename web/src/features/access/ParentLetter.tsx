import type { AccessParent } from '@cerise/common';
import { createPortal } from 'react-dom';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { personName } from '../users/format.ts';

export type LetterContent = { parent: AccessParent; login: string; temporaryPassword: string; loginUrl: string };

/**
 * The letter handed to a parent without an e-mail: only it is printed (see admin.css), the
 * page stays on screen. Rendered at the end of <body>, hidden from the screen and its readers.
 */
export function ParentLetter({ letter }: { letter: LetterContent }) {
  const { establishment } = useCurrentUser();
  const { parent } = letter;
  const children = parent.children.map((c) => personName(c)).join(', ');
  return createPortal(
    <div className="print-letter" aria-hidden="true">
      <p>
        <strong>{establishment.name}</strong>
      </p>
      <p style={{ textAlign: 'right' }}>{personName(parent, true)}</p>
      <p>
        <strong>{t('access.letter.subject')}</strong>
      </p>
      <p>{t('access.letter.greeting')}</p>
      <p>{t('access.letter.intro', { children })}</p>
      <p>
        {t('access.letter.address')} <strong>{letter.loginUrl}</strong>
        <br />
        {t('access.letter.login')} <strong>{letter.login}</strong>
        <br />
        {t('access.letter.password')} <strong>{letter.temporaryPassword}</strong>
      </p>
      <p>{t('access.letter.change')}</p>
      <p>{t('access.letter.signature')}</p>
    </div>,
    document.body,
  );
}
