/** French messages of the passport module's error codes (`passport.<reason>`); merged into ERROR_MESSAGES. */
export const PASSPORT_ERRORS = {
  'passport.not_found': 'Situation professionnelle introuvable.',
  'passport.version_conflict':
    "Cette situation professionnelle a été modifiée entre-temps (dans un autre onglet ou par un enseignant). Rechargez-la pour voir la dernière version, puis refaites votre modification.",
  'passport.competency_blocked':
    'Un enseignant a bloqué cette compétence pour vous : vous ne pouvez plus y rattacher de nouvelle situation professionnelle.',
  'passport.unknown_competency': "Cette compétence n'existe pas dans le référentiel de l'établissement.",
  'passport.unknown_item': "Une complexité ou un aléa choisi n'appartient pas à cette compétence.",
  'passport.unknown_bep_activity': "Cette activité du BEP MSA n'existe pas dans le référentiel.",
  'passport.attachment_not_found': 'Pièce jointe introuvable.',
  'passport.too_many_attachments': 'Une situation professionnelle ne peut pas avoir plus de 20 pièces jointes.',
  'passport.invalid_part': 'Précisez la partie de la pièce jointe : commune, BAC PRO ou BEP.',
} as const;
