import type { Profile } from '@cerise/common';

/**
 * Who may do what with a scenario (docs/guide.md § 3.5). Pure: the facts are the actor and the row.
 * - Read (consulter, dupliquer, exporter, évaluer): a teacher of the establishment, on their own
 *   scenarios and on the public ones of others. Someone else's private scenario does not exist
 *   for anyone (404: its existence does not leak), whatever their profile.
 * - Change (modifier, supprimer, joindre ou retirer un fichier): the author only. Another teacher
 *   on a public scenario gets 403 `scenarios.not_author` (they can already read it, so the answer
 *   tells nothing new); on a private one, 404 as for reading.
 */
export type ScenarioActor = { id: string; establishmentId: string; profiles: readonly Profile[] };
export type ScenarioFacts = { establishment_id: string; author_id: string; is_private: 0 | 1 };

export type Decision = { allowed: true } | { allowed: false; status: 403 | 404; reason: string };

export function canReadScenario(actor: ScenarioActor, s: ScenarioFacts): Decision {
  if (s.establishment_id !== actor.establishmentId) return { allowed: false, status: 404, reason: 'other_establishment' };
  if (!actor.profiles.includes('teacher')) return { allowed: false, status: 404, reason: 'not_teacher' };
  if (s.author_id === actor.id) return { allowed: true };
  if (s.is_private === 1) return { allowed: false, status: 404, reason: 'private' };
  return { allowed: true };
}

export function canChangeScenario(actor: ScenarioActor, s: ScenarioFacts): Decision {
  const read = canReadScenario(actor, s);
  if (!read.allowed) return read;
  if (s.author_id !== actor.id) return { allowed: false, status: 403, reason: 'not_author' };
  return { allowed: true };
}
