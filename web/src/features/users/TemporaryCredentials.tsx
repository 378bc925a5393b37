import { Code, Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';

/** A login and its temporary password, shown once, to note or print. */
export function TemporaryCredentials({ login, password }: { login: string; password: string }) {
  return (
    <>
      <Text>
        {t('users.create.login')} <Code className="admin-secret">{login}</Code>
      </Text>
      <Text>
        {t('users.create.password')} <Code className="admin-secret">{password}</Code>
      </Text>
    </>
  );
}
