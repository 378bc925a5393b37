import { parseSettings, type RequiredEstablishmentField, type SettingsResponse } from '@cerise/common';
import type { EstablishmentsTable } from '../../db/tables/foundation.ts';

/** Required fields still empty (name and e-mail, docs/guide.md §3.4.2). */
export function missingEstablishmentFields(e: Pick<EstablishmentsTable, 'name' | 'email'>): RequiredEstablishmentField[] {
  const out: RequiredEstablishmentField[] = [];
  if (!e.name?.trim()) out.push('name');
  if (!e.email?.trim()) out.push('email');
  return out;
}

export function presentSettings(e: EstablishmentsTable, loginUrl: string, schoolYear: SettingsResponse['schoolYear']): SettingsResponse {
  return {
    establishment: {
      uai: e.uai,
      name: e.name,
      address: e.address,
      postalCode: e.postal_code,
      town: e.town,
      phone: e.phone,
      email: e.email,
      headName: e.head_name,
      website: e.website,
    },
    settings: parseSettings(e.settings),
    version: e.version,
    missing: missingEstablishmentFields(e),
    loginUrl,
    schoolYear,
  };
}
