import type { CasPreset, SsoKind } from '@cerise/common';
import { Fieldset, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ComponentType } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ATTRIBUTE_KEYS, splitNames } from './provider-draft.ts';
import { OidcFields, SamlFields } from './FederationFields.tsx';

export type KindFieldsProps = {
  settings: Record<string, unknown>;
  onChange: (patch: Record<string, unknown>) => void;
  errors: Record<string, string | undefined>;
  casPresets: CasPreset[];
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** CAS: a preset from the catalogue (or « Saisie manuelle »), the server URL and paths, the logout URL. */
function CasFields({ settings, onChange, errors, casPresets }: KindFieldsProps) {
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('sso.form.preset')}
        description={t('sso.form.presetHint')}
        value={str(settings.preset) || 'manuel'}
        data={casPresets.map((p) => ({ value: p.id, label: p.label }))}
        onChange={(e) => {
          const preset = casPresets.find((p) => p.id === e.currentTarget.value);
          if (!preset) return;
          onChange({
            preset: preset.id,
            ...(preset.serverUrl ? { serverUrl: preset.serverUrl, logoutUrl: preset.logoutUrl } : {}),
            validatePath: preset.validatePath,
            loginPath: preset.loginPath,
          });
        }}
      />
      <TextInput
        label={t('sso.form.serverUrl')}
        description={t('sso.form.serverUrlHint')}
        required
        type="url"
        value={str(settings.serverUrl)}
        error={errors.serverUrl}
        onChange={(e) => onChange({ serverUrl: e.currentTarget.value.trim() })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('sso.form.validatePath')} value={str(settings.validatePath)} onChange={(e) => onChange({ validatePath: e.currentTarget.value.trim() })} />
        <TextInput label={t('sso.form.loginPath')} value={str(settings.loginPath)} onChange={(e) => onChange({ loginPath: e.currentTarget.value.trim() })} />
      </SimpleGrid>
      <TextInput label={t('sso.form.logoutUrl')} type="url" value={str(settings.logoutUrl)} onChange={(e) => onChange({ logoutUrl: e.currentTarget.value.trim() })} />
    </Stack>
  );
}

/** Each kind's own fields; the SAML and OIDC forms plug in here. */
export const KIND_FIELDS: Record<SsoKind, ComponentType<KindFieldsProps>> = {
  cas: CasFields,
  saml: SamlFields,
  oidc: OidcFields,
};

/** The attribute names read for each key, as comma-separated lists (empty: the usual names). */
export function AttributeMapFields({ settings, onChange }: Pick<KindFieldsProps, 'settings' | 'onChange'>) {
  const map = (settings.attributeMap ?? {}) as Record<string, string[] | undefined>;
  return (
    <Fieldset legend={t('sso.form.attributesTitle')} variant="unstyled">
      <Text size="sm" mb="xs">
        {t('sso.form.attributesHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {ATTRIBUTE_KEYS.map((key) => (
          <AttributeInput key={key} label={t(`sso.form.attributes.${key}`)} initial={map[key] ?? []} onChange={(names) => onChange({ attributeMap: { ...map, [key]: names } })} />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}

/** Keeps what is typed (commas, spaces) while sending the parsed names. */
function AttributeInput({ label, initial, onChange }: { label: string; initial: string[]; onChange: (names: string[]) => void }) {
  const [text, setText] = useState(() => initial.join(', '));
  return (
    <TextInput
      label={label}
      value={text}
      size="sm"
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(splitNames(e.currentTarget.value));
      }}
    />
  );
}
