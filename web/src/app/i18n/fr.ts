/**
 * The single French message catalogue of the web application: every text a user reads lives
 * here, grouped by domain (`app`, `auth`, `account`, `home`, `modules`, then one section per
 * feature). Placeholders are written `{name}`; a plural message is `{ one, other }` and takes
 * a `count` parameter. Read messages with `t('domain.key', params)` from `./t.ts`.
 *
 * API errors are not repeated here: the server sends a French `error.message`, and
 * `ERROR_MESSAGES` (from @cerise/common) is the fallback by error code.
 */
export const fr = {
  app: {
    name: 'Cerise Pro',
    skipLink: 'Aller au contenu',
    documentTitle: '{title} — Cerise Pro',
    headerNavLabel: 'Menu du compte',
    homeLink: 'Cerise Pro — accueil',
    signedInAs: 'Connecté : {name}',
    account: 'Mon compte',
    logout: 'Déconnexion',
    loading: 'Chargement en cours…',
    backHome: "Revenir à l'accueil",
    retry: 'Réessayer',
    close: 'Fermer',
    requiredFieldsNote: "Les champs marqués d'un astérisque (*) sont obligatoires.",
    footer: 'Cerise Pro — suivi des compétences en lycée professionnel',
    showPassword: 'Afficher la saisie',
  },
  errors: {
    network: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
    unexpected: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
    notFoundTitle: 'Page introuvable',
    notFoundText: "La page demandée n'existe pas ou a été déplacée.",
    notFoundHomeLink: 'Aller à la page de connexion',
    crashTitle: 'Une erreur est survenue',
    crashText: "La page n'a pas pu s'afficher. Rechargez-la ou revenez à l'accueil.",
    forbiddenTitle: 'Accès refusé',
    forbiddenText: 'Votre profil ne donne pas accès au module « {module} ».',
    sessionExpired: 'Votre session a expiré. Connectez-vous à nouveau.',
  },
  auth: {
    chooser: {
      title: 'Accéder à votre établissement',
      intro: 'Saisissez le code de votre établissement pour afficher sa page de connexion.',
      uaiLabel: "Code de l'établissement (UAI)",
      uaiDescription: "7 chiffres suivis d'une lettre, par exemple 0861234A.",
      uaiRequired: "Saisissez le code de l'établissement.",
      submit: 'Continuer',
    },
    login: {
      documentTitle: 'Connexion',
      title: 'Connexion',
      establishment: '{name} ({uai})',
      loginLabel: 'Identifiant',
      passwordLabel: 'Mot de passe',
      loginRequired: 'Saisissez votre identifiant.',
      passwordRequired: 'Saisissez votre mot de passe.',
      submit: 'Valider',
      lostPassword:
        "Mot de passe perdu ? Demandez à l'administrateur de Cerise Pro de votre établissement de réinitialiser votre compte.",
      loggedOut: 'Vous êtes déconnecté.',
      establishmentNotFoundTitle: 'Établissement introuvable',
      establishmentNotFoundText:
        "Aucun établissement ne correspond au code {uai}. Vérifiez l'adresse ou saisissez le code de votre établissement.",
      establishmentNotFoundLink: "Saisir le code de l'établissement",
    },
    forcedChange: {
      documentTitle: 'Nouveau mot de passe',
      title: 'Choisir un nouveau mot de passe',
      intro:
        'Pour protéger votre compte, remplacez le mot de passe qui vous a été communiqué avant de continuer.',
      currentMissing: 'Pour des raisons de sécurité, saisissez aussi le mot de passe avec lequel vous vous êtes connecté.',
      submit: 'Enregistrer le mot de passe',
      success: 'Votre nouveau mot de passe est enregistré.',
    },
  },
  password: {
    policy: 'Le mot de passe doit contenir au moins {min} caractères et ne pas être votre date de naissance.',
    currentLabel: 'Mot de passe actuel',
    newLabel: 'Nouveau mot de passe',
    confirmLabel: 'Confirmer le mot de passe',
    currentRequired: 'Saisissez votre mot de passe actuel.',
    newRequired: 'Saisissez un nouveau mot de passe.',
    confirmRequired: 'Saisissez une seconde fois le nouveau mot de passe.',
    mismatch: 'Les deux mots de passe ne sont pas identiques.',
    tooShort: 'Le mot de passe doit contenir au moins {min} caractères.',
    tooLong: 'Le mot de passe est trop long (200 caractères au maximum).',
    isBirthDate: 'Le mot de passe ne doit pas être votre date de naissance.',
  },
  account: {
    title: 'Mon compte',
    detailsTitle: 'Vos informations',
    login: 'Identifiant',
    name: 'Nom',
    profiles: 'Profils',
    email: 'Adresse électronique',
    emailMissing: 'Non renseignée',
    emailHint: 'Renseignez votre adresse électronique pour recevoir les messages de Cerise Pro.',
    emailForm: {
      title: "Changer d'adresse électronique",
      label: 'Nouvelle adresse électronique',
      description: 'Par exemple prenom.nom@exemple.fr',
      required: 'Saisissez une adresse électronique.',
      invalid: 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
      submit: "Enregistrer l'adresse électronique",
      success: 'Votre adresse électronique est enregistrée.',
    },
    passwordForm: {
      title: 'Changer de mot de passe',
      submit: 'Enregistrer le mot de passe',
      success: 'Votre mot de passe est modifié. Vos autres sessions ont été fermées.',
    },
  },
  profiles: {
    administrator: 'Administrateur',
    teacher: 'Enseignant',
    learner: 'Apprenant',
    parent: 'Parent',
  },
  home: {
    documentTitle: 'Accueil',
    greeting: 'Bonjour {name}',
    intro: 'Choisissez un module.',
    modulesLabel: 'Modules',
    noModules: "Aucun module n'est associé à votre compte. Contactez l'administrateur de votre établissement.",
  },
  modules: {
    comingSoon: 'Ce module sera bientôt disponible.',
    imports: {
      title: 'Importer des fichiers',
      description: 'Importer les personnels, les apprenants et leurs parents à partir des fichiers XML de SIECLE.',
    },
    users: {
      title: 'Gestion des utilisateurs',
      description: 'Consulter les utilisateurs importés, créer et modifier des comptes.',
    },
    access: {
      title: 'Accès parents, accès apprenants',
      description: 'Gérer les accès des apprenants et de leurs parents.',
    },
    settings: {
      title: 'Paramètres',
      description: "Renseigner les informations de l'établissement et les règles de calcul.",
    },
    scenarios: {
      title: 'Gestion des scénarios',
      description: 'Créer, modifier, imprimer et supprimer des scénarios pédagogiques ; saisir des résultats.',
    },
    evaluations: {
      title: 'Gestion des évaluations',
      description: 'Créer, modifier et supprimer des évaluations ; consulter leur historique.',
      descriptionLearner: 'Consulter vos évaluations et leur historique.',
      descriptionParent: 'Consulter les évaluations de vos enfants.',
    },
    passport: {
      title: 'Passeport professionnel',
      description: 'Consulter et évaluer les situations professionnelles des apprenants.',
      descriptionLearner: 'Créer, modifier et supprimer vos situations professionnelles.',
    },
    dashboard: {
      title: 'Tableau de bord',
      description: 'Suivre la maîtrise de chaque compétence et les situations professionnelles saisies.',
      descriptionParent: 'Suivre la maîtrise des compétences de vos enfants.',
    },
  },
} as const;

export type Catalogue = typeof fr;
