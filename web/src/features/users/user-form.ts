import { CIVILITIES, OptionalEmailSchema, PersonNameSchema, type Civility, type Profile, type User } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';

/** What the creation and edit forms hold while being typed. */
export type UserFormValues = {
  civility: Civility | '';
  lastName: string;
  firstName: string;
  birthDate: string | null;
  /** Why the birth date typed is not a date (it then stays in the field, and the form is not sent). */
  birthDateProblem: string | null;
  email: string;
  profiles: Profile[];
  classIds: string[];
  discipline: string;
};

export type UserFormField = 'civility' | 'lastName' | 'firstName' | 'birthDate' | 'email' | 'profiles' | 'classIds' | 'discipline';
export type UserFormErrors = Partial<Record<UserFormField, string>>;

export const EMPTY_USER_FORM: UserFormValues = {
  civility: '',
  lastName: '',
  firstName: '',
  birthDate: null,
  birthDateProblem: null,
  email: '',
  profiles: [],
  classIds: [],
  discipline: '',
};

export function isCivility(value: string | null): value is Civility {
  return (CIVILITIES as readonly string[]).includes(value ?? '');
}

export function formValuesOf(user: User): UserFormValues {
  return {
    civility: isCivility(user.civility) ? user.civility : '',
    lastName: user.lastName,
    firstName: user.firstName,
    birthDate: user.birthDate,
    birthDateProblem: null,
    email: user.email ?? '',
    profiles: [...user.profiles],
    classIds: user.profiles.includes('teacher') ? [...user.divisions, ...user.groups].map((c) => c.id) : [],
    discipline: user.discipline ?? '',
  };
}

function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The checks the server makes, said in French before sending. */
export function validateUserForm(values: UserFormValues, readOnly: ReadonlySet<UserFormField> = new Set()): UserFormErrors {
  const found: UserFormErrors = {};
  if (!readOnly.has('lastName')) {
    if (!values.lastName.trim()) found.lastName = t('admin.userForm.errors.lastNameRequired');
    else if (!PersonNameSchema.safeParse(values.lastName).success) found.lastName = t('admin.userForm.errors.nameInvalid');
  }
  if (!readOnly.has('firstName')) {
    if (!values.firstName.trim()) found.firstName = t('admin.userForm.errors.firstNameRequired');
    else if (!PersonNameSchema.safeParse(values.firstName).success) found.firstName = t('admin.userForm.errors.nameInvalid');
  }
  if (!readOnly.has('birthDate') && values.birthDateProblem) found.birthDate = values.birthDateProblem;
  else if (!readOnly.has('birthDate') && values.birthDate) {
    if (values.birthDate < '1900-01-01') found.birthDate = t('admin.userForm.errors.birthDateInvalid');
    else if (values.birthDate > todayIso()) found.birthDate = t('admin.userForm.errors.birthDateFuture');
  }
  if (!OptionalEmailSchema.safeParse(values.email).success) found.email = t('admin.userForm.errors.emailInvalid');
  if (values.profiles.length === 0) found.profiles = t('admin.userForm.errors.profilesRequired');
  if (values.discipline.length > 100) found.discipline = t('admin.userForm.errors.disciplineTooLong');
  return found;
}

/** The order in which fields take focus when several have an error. */
export const USER_FORM_FIELD_ORDER: readonly UserFormField[] = [
  'civility',
  'lastName',
  'firstName',
  'birthDate',
  'email',
  'profiles',
  'classIds',
  'discipline',
];
