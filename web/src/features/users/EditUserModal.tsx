import { deName, IMPORTED_IDENTITY_FIELDS, MODULE_PATHS, PASSWORD_STATE_LABELS, USER_SOURCE_LABELS, type UpdateUserRequest, type User } from '@cerise/common';
import { Alert, Anchor, Button, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconInfoCircle, IconListDetails } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { UserIdentities } from '../sso/UserIdentities.tsx';
import { hasCode } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useBackState } from '../settings/BackLink.tsx';
import { personName } from './format.ts';
import { USER_FORM_FIELD_ORDER, formValuesOf, validateUserForm, type UserFormErrors, type UserFormField, type UserFormValues } from './user-form.ts';
import { UserFields, type FieldInputs } from './UserFields.tsx';
import { fetchUser, useExportUserData, useUpdateUser } from './users.api.ts';

/** Only what changed goes to the server, with the version read. */
function patchOf(user: User, values: UserFormValues, readOnly: ReadonlySet<UserFormField>): UpdateUserRequest {
  const before = formValuesOf(user);
  const patch: UpdateUserRequest = { version: user.version };
  if (!readOnly.has('civility') && values.civility !== before.civility) patch.civility = values.civility || null;
  if (!readOnly.has('lastName') && values.lastName.trim() !== before.lastName) patch.lastName = values.lastName;
  if (!readOnly.has('firstName') && values.firstName.trim() !== before.firstName) patch.firstName = values.firstName;
  if (!readOnly.has('birthDate') && values.birthDate !== before.birthDate) patch.birthDate = values.birthDate;
  if (values.email.trim() !== before.email) patch.email = values.email.trim();
  if (values.profiles.join() !== before.profiles.join()) patch.profiles = values.profiles;
  if (values.profiles.includes('teacher')) {
    if ([...values.classIds].sort().join() !== [...before.classIds].sort().join()) patch.classIds = values.classIds;
    if (values.discipline.trim() !== before.discipline) patch.discipline = values.discipline.trim();
  }
  return patch;
}

type EditUserModalProps = {
  user: User;
  onClose: () => void;
};

/** « Modifier » (docs/guide.md §3.2.2): identity (unless imported), e-mail, profiles, classes and discipline. */
export function EditUserModal({ user: initial, onClose }: EditUserModalProps) {
  const me = useCurrentUser();
  const backState = useBackState();
  const fullScreen = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const [user, setUser] = useState(initial);
  const [values, setValues] = useState(() => formValuesOf(initial));
  const [errors, setErrors] = useState<UserFormErrors>({});
  const [alertError, setAlertError] = useState<unknown>(null);
  const [reloading, setReloading] = useState(false);
  const inputs: FieldInputs = useRef({});
  const update = useUpdateUser();
  const exportData = useExportUserData();
  const readOnly = new Set<UserFormField>(user.readOnlyFields);
  const conflict = hasCode(alertError, 'common.version_conflict');
  const name = personName(user);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    const found = validateUserForm(values, readOnly);
    if (user.id === me.user.id && user.profiles.includes('administrator') && !values.profiles.includes('administrator')) {
      found.profiles = t('admin.userForm.errors.ownAdmin');
    }
    setErrors(found);
    setAlertError(null);
    const first = USER_FORM_FIELD_ORDER.find((f) => found[f]);
    if (first) {
      inputs.current[first]?.focus();
      return;
    }
    const patch = patchOf(user, values, readOnly);
    if (Object.keys(patch).length === 1) {
      onClose();
      return;
    }
    update.mutate(
      { id: user.id, patch },
      {
        onSuccess: (saved) => {
          notifySuccess(t('users.edit.saved', { ofName: deName(personName(saved)) }));
          onClose();
        },
        onError: (error) => setAlertError(error),
      },
    );
  };

  /** After a version conflict: the current state replaces what was typed. */
  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await fetchUser(user.id);
      setUser(fresh);
      setValues(formValuesOf(fresh));
      setErrors({});
      setAlertError(null);
      notifySuccess(t('users.edit.reloaded'));
      inputs.current.email?.focus();
    } catch (error) {
      setAlertError(error);
    } finally {
      setReloading(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('users.edit.title', { name })} size="xl" fullScreen={fullScreen}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {t('users.edit.login')} <strong className="admin-mono">{user.login}</strong> — {USER_SOURCE_LABELS[user.source]}.{' '}
            {t('users.edit.loginNeverChanges')}
          </Text>
          <Text size="sm">
            {t('users.edit.passwordState')} <strong>{PASSWORD_STATE_LABELS[user.passwordState]}</strong>
          </Text>
          {user.readOnlyFields.length > 0 && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
              {t('users.edit.importedNote', { fields: IMPORTED_IDENTITY_FIELDS.map((f) => t(`admin.userForm.${f}`).toLowerCase()).join(', ') })}
            </Alert>
          )}
          <RequiredFieldsNote />
          {alertError !== null && (
            <div>
              <ErrorAlert error={conflict ? t('users.edit.conflict') : alertError} />
              {conflict && (
                <Button variant="outline" size="sm" onClick={() => void reload()} aria-disabled={reloading || undefined}>
                  {t('users.edit.reload')}
                </Button>
              )}
            </div>
          )}
          <UserFields
            values={values}
            onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
            errors={errors}
            inputs={inputs}
            readOnly={readOnly}
            profileChoice={{ kind: 'profiles' }}
            birthYearHint={user.profiles.includes('learner') ? 2009 : 1985}
          />
          {!values.profiles.includes('teacher') && (user.divisions.length > 0 || user.groups.length > 0) && (
            <Text size="sm">
              {t('users.edit.classesOf', { classes: [...user.divisions, ...user.groups].map((c) => c.code).join(', ') })}
            </Text>
          )}
          {user.children.length > 0 && (
            <Text size="sm">
              {t('users.edit.children', {
                children: user.children.map((c) => `${personName(c)}${c.divisions.length ? ` (${c.divisions.join(', ')})` : ''}`).join(', '),
              })}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('admin.cancel')}
            </Button>
            <SubmitButton pending={update.isPending}>{t('users.edit.submit')}</SubmitButton>
          </Group>
        </Stack>
      </form>

      <Divider my="lg" />
      <Stack gap="xs">
        <Text fw={700} size="sm">
          {t('users.edit.otherActions')}
        </Text>
        {exportData.isError && <ErrorAlert error={exportData.error} />}
        <Group gap="sm">
          <Button
            variant="outline"
            size="sm"
            leftSection={<IconDownload size={16} aria-hidden="true" />}
            onClick={() => {
              if (!exportData.isPending) exportData.mutate(user, { onSuccess: (file) => notifySuccess(t('users.edit.exported', { file })) });
            }}
            aria-disabled={exportData.isPending || undefined}
          >
            {t('users.edit.export')}
          </Button>
          <Anchor
            component={Link}
            to={`/${me.establishment.uai}/${MODULE_PATHS.settings}/journal?utilisateur=${encodeURIComponent(user.id)}`}
            state={backState}
            size="sm"
            className="admin-icon-link"
          >
            <IconListDetails size={16} aria-hidden="true" />
            {t('users.edit.auditLink')}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {t('users.edit.exportHint')}
        </Text>
      </Stack>

      <Divider my="lg" />
      <UserIdentities userId={user.id} />
    </Modal>
  );
}
