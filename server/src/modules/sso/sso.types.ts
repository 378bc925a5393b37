// The contract between the protocol adapters (cas/, saml/, oidc/) and the matching of an external
// identity to an account (docs/sso.md). A protocol adapter verifies what the identity provider sent
// and normalises it into an `ExternalAssertion`; it never looks at accounts. Matching
// (`sso.matching.ts`) takes the assertion, the provider and the establishment of the route, and
// decides which account signs in, or why nobody does.

export type SsoProtocol = 'cas' | 'saml' | 'oidc';

/** A `FrEduVecteur` value: `profil|nom|prénom|eleve_id|uai` (profiles 1/2 parents, 3/4 learners). */
export interface FrEduVector {
  profile: number;
  lastName: string;
  firstName: string;
  /** SIECLE ELEVE_ID of the learner (of the child, for a parent's vector). */
  eleveId: string;
  uai: string;
}

/** What a verified identity provider said about the person, in one shape for every protocol. */
export interface ExternalAssertion {
  protocol: SsoProtocol;
  /** The provider's stable id for the person (`cas:user`, SAML NameID or `uid`/FrEduCtId, OIDC `sub`). */
  subject: string;
  /** Every attribute as released, names as sent, values always as arrays (multi-valued, `;`-split). */
  attributes: Record<string, string[]>;
  /** SIECLE keys read from the attributes by the provider's attribute map, if released. */
  eleveIds: string[];
  /** INE in clear (never the EduConnect hash). */
  ines: string[];
  /** STSWEB individual ids (staff). */
  stsIds: string[];
  /** SIECLE PERSONNE_ID of a parent (`resp:<id>`). */
  personIds?: string[];
  /**
   * Suffixes of AAF join keys (`ENTPersonJointure` = `ACADEMIE$id`): an ELEVE_ID, a PERSONNE_ID or an
   * STS id depending on the person, so matched against `eleve:`, `resp:` and `sts:` alike.
   */
  jointureIds?: string[];
  vectors: FrEduVector[];
  /** UAIs released, upper-cased; empty when the provider releases none. */
  uais: string[];
  lastName: string | null;
  firstName: string | null;
  /** Where to send the user to log out of the provider, when it gives one. */
  logoutUrl: string | null;
}
