/** French messages of « Import des identifiants ENT » and of the SAML / OpenID Connect logins; merged into ERROR_MESSAGES. */
export const SSO_IMPORT_ERRORS = {
  'ssoImport.provider_not_found': 'Ce fournisseur d’identité est introuvable.',
  'ssoImport.missing_file': 'Choisissez le fichier CSV exporté par l’ENT.',
  'ssoImport.file_too_large': 'Le fichier dépasse 2 Mo : exportez-le par profil ou par classe.',
  'ssoImport.empty_file': 'Le fichier est vide.',
  'ssoImport.unreadable_file': 'Le fichier n’est pas un CSV lisible. Exportez-le depuis l’ENT au format CSV (séparateur ; ou ,).',
  'ssoImport.too_many_rows': 'Le fichier a plus de 20 000 lignes : exportez-le par profil ou par classe.',
  'ssoImport.unknown_column': 'Une colonne choisie est absente de l’en-tête du fichier. Vérifiez la correspondance des colonnes.',
  'ssoImport.invalid_mapping': 'La correspondance des colonnes n’est pas valide.',
  'ssoImport.missing_digest': 'Lancez d’abord la simulation, puis appliquez son résultat.',
  'ssoImport.stale': 'Les comptes ou les rattachements ont changé depuis la simulation. Relancez la simulation avant d’appliquer.',
  'ssoImport.nothing_to_apply': 'Rien à appliquer : aucun compte à rattacher dans ce fichier.',
} as const;
