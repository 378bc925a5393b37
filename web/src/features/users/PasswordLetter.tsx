import { deName, salutation } from '@cerise/common';
import { createPortal } from 'react-dom';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { personName } from './format.ts';

export type LetterContent = {
  person: { civility: string | null; lastName: string; firstName: string };
  /** A parent's children (« Inès MARTIN »); empty for anyone else. */
  children: string[];
  login: string;
  temporaryPassword: string;
  loginUrl: string;
};

/**
 * The letter handed to someone given a new password on screen: only it is printed (see admin.css),
 * the page stays on screen. Rendered at the end of <body>, hidden from the screen and its readers.
 */
export function PasswordLetter({ letter }: { letter: LetterContent }) {
  const { establishment } = useCurrentUser();
  const { person, children } = letter;
  return createPortal(
    <div className="print-letter" aria-hidden="true">
      <p>
        <strong>{establishment.name}</strong>
      </p>
      <p style={{ textAlign: 'right' }}>{personName(person, true)}</p>
      <p>
        <strong>{t('access.letter.subject')}</strong>
      </p>
      <p>{salutation(person.civility)}</p>
      <p>{children.length > 0 ? t('access.letter.intro', { ofChildren: deName(children.join(', ')) }) : t('access.letter.introPerson')}</p>
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
