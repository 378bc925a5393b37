import { PROFILES, type Profile } from '@cerise/common';
import { Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { MutableRefObject } from 'react';
import { t } from '../../app/i18n/t.ts';
import { BirthDateInput } from './BirthDateInput.tsx';
import { ClassesSelect } from './ClassesSelect.tsx';
import { frenchDate, profileLabel } from './format.ts';
import type { UserFormErrors, UserFormField, UserFormValues } from './user-form.ts';

export type FieldInputs = MutableRefObject<Partial<Record<UserFormField, HTMLInputElement | null>>>;

/** `profiles`: check boxes (edit); `single`: one profile among those given (« Nouvel utilisateur »); `none`: teacher. */
export type ProfileChoice = { kind: 'profiles' } | { kind: 'single'; among: readonly Profile[] } | { kind: 'none' };

type UserFieldsProps = {
  values: UserFormValues;
  onChange: (patch: Partial<UserFormValues>) => void;
  errors: UserFormErrors;
  inputs: FieldInputs;
  /** Imported identity, shown but not editable. */
  readOnly?: ReadonlySet<UserFormField>;
  profileChoice: ProfileChoice;
  /** Where the birth date calendar opens when empty. */
  birthYearHint?: number;
};

/** Civility, names, birth date, e-mail, profiles and, for teachers, classes and discipline. */
export function UserFields({ values, onChange, errors, inputs, readOnly = new Set(), profileChoice, birthYearHint }: UserFieldsProps) {
  const ref = (field: UserFormField) => (el: HTMLInputElement | null) => {
    inputs.current[field] = el;
  };
  const isTeacher = profileChoice.kind === 'none' || values.profiles.includes('teacher');
  const readOnlyClass = 'admin-readonly';

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {readOnly.has('civility') ? (
          <TextInput
            label={t('admin.userForm.civility')}
            value={values.civility || t('admin.userForm.civilityNone')}
            readOnly
            className={readOnlyClass}
          />
        ) : (
          <NativeSelect
            label={t('admin.userForm.civility')}
            value={values.civility}
            onChange={(e) => onChange({ civility: e.currentTarget.value as UserFormValues['civility'] })}
            data={[
              { value: '', label: t('admin.userForm.civilityNone') },
              { value: 'Mme', label: t('admin.userForm.civilityMme') },
              { value: 'M.', label: t('admin.userForm.civilityM') },
            ]}
          />
        )}
        <div className="admin-grid-spacer" />
        <TextInput
          ref={ref('lastName')}
          label={t('admin.userForm.lastName')}
          required={!readOnly.has('lastName')}
          readOnly={readOnly.has('lastName')}
          className={readOnly.has('lastName') ? readOnlyClass : undefined}
          autoComplete="off"
          value={values.lastName}
          onChange={(e) => onChange({ lastName: e.currentTarget.value })}
          error={errors.lastName}
        />
        <TextInput
          ref={ref('firstName')}
          label={t('admin.userForm.firstName')}
          required={!readOnly.has('firstName')}
          readOnly={readOnly.has('firstName')}
          className={readOnly.has('firstName') ? readOnlyClass : undefined}
          autoComplete="off"
          value={values.firstName}
          onChange={(e) => onChange({ firstName: e.currentTarget.value })}
          error={errors.firstName}
        />
        {readOnly.has('birthDate') ? (
          <TextInput
            label={t('admin.userForm.birthDate')}
            value={values.birthDate ? frenchDate(values.birthDate) : t('admin.userForm.birthDateNone')}
            readOnly
            className={readOnlyClass}
          />
        ) : (
          <BirthDateInput
            ref={ref('birthDate')}
            label={t('admin.userForm.birthDate')}
            value={values.birthDate}
            onChange={(birthDate) => onChange({ birthDate })}
            onTextProblem={(birthDateProblem) => onChange({ birthDateProblem })}
            error={errors.birthDate}
            defaultYear={birthYearHint}
          />
        )}
        <TextInput
          ref={ref('email')}
          type="email"
          label={t('admin.userForm.email')}
          description={t('admin.userForm.emailHint')}
          autoComplete="off"
          value={values.email}
          onChange={(e) => onChange({ email: e.currentTarget.value })}
          error={errors.email}
        />
      </SimpleGrid>

      {profileChoice.kind === 'profiles' && (
        <Checkbox.Group
          label={t('admin.userForm.profiles')}
          description={t('admin.userForm.profilesHint')}
          value={values.profiles}
          onChange={(value) => onChange({ profiles: PROFILES.filter((p) => value.includes(p)) })}
          error={errors.profiles}
          required
        >
          <Group gap="lg" mt="xs">
            {PROFILES.map((p, i) => (
              <Checkbox key={p} value={p} label={profileLabel(p)} ref={i === 0 ? ref('profiles') : undefined} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      {profileChoice.kind === 'single' && (
        <Radio.Group
          label={t('admin.userForm.profile')}
          value={values.profiles[0] ?? ''}
          onChange={(value) => onChange({ profiles: [value as Profile] })}
          error={errors.profiles}
          required
        >
          <Group gap="lg" mt="xs">
            {profileChoice.among.map((p, i) => (
              <Radio key={p} value={p} label={profileLabel(p)} ref={i === 0 ? ref('profiles') : undefined} />
            ))}
          </Group>
        </Radio.Group>
      )}

      {isTeacher && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <ClassesSelect value={values.classIds} onChange={(classIds) => onChange({ classIds })} error={errors.classIds} />
          <TextInput
            ref={ref('discipline')}
            label={t('admin.userForm.discipline')}
            description={t('admin.userForm.disciplineHint')}
            value={values.discipline}
            onChange={(e) => onChange({ discipline: e.currentTarget.value })}
            error={errors.discipline}
            maxLength={100}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
