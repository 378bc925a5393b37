/** The French texts of « Import des identifiants ENT » (key `ssoImport.…`). */
export const ssoImportFr = {
  title: 'Import des identifiants ENT',
} as const;
