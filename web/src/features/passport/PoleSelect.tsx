import { NativeSelect } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { useReferentialTree, useResolvedReferentialId } from '../referentials/referentials.api.ts';

/** « Pôle » of the CCF extract: one of the referential's pôles, or all. */
export function PoleSelect({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const resolved = useResolvedReferentialId(undefined);
  const tree = useReferentialTree(resolved.referentialId);
  const poles = tree.data?.poles ?? [];
  return (
    <NativeSelect
      label={t('passport.extract.pole')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[{ value: '', label: t('passport.extract.allPoles') }, ...poles.map((p) => ({ value: p.code, label: t('passport.extract.poleOption', { code: p.code, title: p.title }) }))]}
      maw={420}
    />
  );
}
