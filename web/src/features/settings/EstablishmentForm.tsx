import { UpdateEstablishmentDetailsRequestSchema, type SettingsResponse } from '@cerise/common';
import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useRef, useState, type ChangeEvent, type FormEvent, type RefObject } from 'react';
import { hasCode } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { focusFirstError } from '../../ui/focus-first-error.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { RequiredFieldsNote } from '../../ui/RequiredFieldsNote.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useSaveEstablishmentDetails } from './settings.api.ts';

const FIELDS = ['name', 'address', 'postalCode', 'town', 'phone', 'email', 'headName', 'website'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

function valuesOf(data: SettingsResponse): Values {
  const e = data.establishment;
  return {
    name: e.name,
    address: e.address ?? '',
    postalCode: e.postalCode ?? '',
    town: e.town ?? '',
    phone: e.phone ?? '',
    email: e.email ?? '',
    headName: e.headName ?? '',
    website: e.website ?? '',
  };
}

const sameValues = (a: Values, b: Values) => FIELDS.every((f) => a[f] === b[f]);

/** The field of each problem the schema finds; messages come from the catalogue. */
function validate(values: Values): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  if (!values.name.trim()) found.name = t('settings.details.errors.nameRequired');
  const parsed = UpdateEstablishmentDetailsRequestSchema.safeParse({ version: 1, ...values });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field | undefined;
      if (!field || !FIELDS.includes(field) || found[field]) continue;
      found[field] = t(`settings.details.errors.${field}`);
    }
  }
  return found;
}

type EstablishmentFormProps = {
  data: SettingsResponse;
  /** Another administrator saved first: read the settings again (answers the new state). */
  onReload: () => Promise<SettingsResponse | undefined>;
};

/** « Renseignements sur l'établissement » (docs/guide.md §3.4.2): « Valider » saves. */
export function EstablishmentForm({ data, onReload }: EstablishmentFormProps) {
  const [values, setValues] = useState<Values>(() => valuesOf(data));
  const [baseline, setBaseline] = useState<SettingsResponse>(data);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alertError, setAlertError] = useState<unknown>(null);
  const refs: Record<Field, RefObject<HTMLInputElement | null>> = {
    name: useRef<HTMLInputElement>(null),
    address: useRef<HTMLInputElement>(null),
    postalCode: useRef<HTMLInputElement>(null),
    town: useRef<HTMLInputElement>(null),
    phone: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    headName: useRef<HTMLInputElement>(null),
    website: useRef<HTMLInputElement>(null),
  };
  const save = useSaveEstablishmentDetails();

  // The other form saved (new version, same or new details): follow it unless we have edits.
  if (baseline !== data) {
    setBaseline(data);
    if (sameValues(values, valuesOf(baseline))) setValues(valuesOf(data));
  }

  const conflict = hasCode(alertError, 'common.version_conflict');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found = validate(values);
    setErrors(found);
    setAlertError(null);
    if (Object.keys(found).length > 0) {
      focusFirstError(found, FIELDS.map((f) => [f, refs[f]] as const));
      return;
    }
    save.mutate(
      { version: data.version, ...values },
      {
        onSuccess: (result) => {
          setBaseline(result);
          setValues(valuesOf(result));
          notifySuccess(t('settings.details.saved'));
        },
        onError: (error) => setAlertError(error),
      },
    );
  };

  /** After a version conflict: the current details replace what was typed. */
  const reload = async () => {
    const fresh = await onReload();
    if (!fresh) return;
    setBaseline(fresh);
    setValues(valuesOf(fresh));
    setAlertError(null);
    setErrors({});
    refs.name.current?.focus();
  };

  const field = (name: Field) => ({
    ref: refs[name],
    value: values[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
    error: errors[name],
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="settings-details-title">
      <Stack gap="md">
        <RequiredFieldsNote />
        {alertError !== null && (
          <div>
            <ErrorAlert error={conflict ? t('settings.conflict') : alertError} />
            {conflict && (
              <Button variant="outline" size="sm" mb="md" onClick={() => void reload()}>
                {t('settings.reload')}
              </Button>
            )}
          </div>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('settings.details.name')} required autoComplete="organization" {...field('name')} />
          <TextInput
            label={t('settings.details.uai')}
            description={t('settings.details.uaiHint')}
            value={data.establishment.uai}
            readOnly
            className="admin-readonly"
          />
          <TextInput label={t('settings.details.address')} autoComplete="street-address" {...field('address')} />
          <TextInput
            label={t('settings.details.postalCode')}
            description={t('settings.details.postalCodeHint')}
            autoComplete="postal-code"
            inputMode="numeric"
            maxLength={5}
            {...field('postalCode')}
          />
          <TextInput label={t('settings.details.town')} autoComplete="address-level2" {...field('town')} />
          <TextInput
            label={t('settings.details.phone')}
            description={t('settings.details.phoneHint')}
            type="tel"
            autoComplete="tel"
            {...field('phone')}
          />
          <TextInput
            label={t('settings.details.email')}
            description={t('settings.details.emailHint')}
            type="email"
            autoComplete="email"
            {...field('email')}
          />
          <TextInput label={t('settings.details.headName')} description={t('settings.details.headNameHint')} {...field('headName')} />
          <TextInput
            label={t('settings.details.website')}
            description={t('settings.details.websiteHint')}
            type="url"
            autoComplete="url"
            {...field('website')}
          />
        </SimpleGrid>
        <Group>
          <SubmitButton pending={save.isPending}>{t('settings.details.submit')}</SubmitButton>
        </Group>
      </Stack>
    </form>
  );
}
