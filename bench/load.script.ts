/**
 * What each simulated user does during the load test: learners open their dashboard and their
 * evaluations; teachers open an evaluation's grid and save a few cells of it. Everything the
 * requests need (evaluation ids, cells) is read once through the API before the run.
 */
import type { Request } from 'autocannon';

export type LoadUser = { id: string; profile: 'learner' | 'teacher'; cookie: string };

type Grid = { id: string; learners: { id: string }[]; competencies: { id: string }[] };
const LEVELS = ['RT', 'RP', 'ECA', 'TE'] as const;

async function getJson<T>(base: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function loadScript(base: string, users: LoadUser[]): Promise<{ requests: Request[]; errors: number[]; description: string }> {
  const learners = users.filter((u) => u.profile === 'learner');
  const teachers: { user: LoadUser; grid: Grid }[] = [];
  for (const t of users.filter((u) => u.profile === 'teacher')) {
    const list = await getJson<{ items: { id: string; canEdit: boolean }[] }>(base, '/api/v1/evaluations?page=1&pageSize=20', t.cookie);
    const mine = list.items.find((e) => e.canEdit);
    if (mine) teachers.push({ user: t, grid: await getJson<Grid>(base, `/api/v1/evaluations/${mine.id}`, t.cookie) });
  }
  if (learners.length === 0 || teachers.length === 0) throw new Error('load: no learner or no teacher with an evaluation to work on');

  let tick = 0;
  const origin = base;
  // One request in four is a teacher's (open the grid, or save three cells); the rest are learners'.
  const requests: Request[] = [
    {
      setupRequest: (req) => {
        const n = tick++;
        if (n % 4 !== 0) {
          const l = learners[n % learners.length]!;
          const path = n % 2 === 0 ? `/api/v1/dashboard/learners/${l.id}` : `/api/v1/learner-evaluations?learnerId=${l.id}&page=1`;
          return { ...req, method: 'GET', path, headers: { cookie: l.cookie }, body: undefined };
        }
        const { user, grid } = teachers[(n >> 2) % teachers.length]!;
        if ((n >> 2) % 2 === 0) return { ...req, method: 'GET', path: `/api/v1/evaluations/${grid.id}`, headers: { cookie: user.cookie }, body: undefined };
        const cells = [0, 1, 2].map((k) => ({
          learnerId: grid.learners[(n + k) % grid.learners.length]!.id,
          evaluationCompetencyId: grid.competencies[(n + 2 * k) % grid.competencies.length]!.id,
          level: LEVELS[(n + k) % LEVELS.length],
          baseVersion: null,
        }));
        const unique = cells.filter((c, i) => cells.findIndex((d) => d.learnerId === c.learnerId && d.evaluationCompetencyId === c.evaluationCompetencyId) === i);
        return {
          ...req,
          method: 'PUT',
          path: `/api/v1/evaluations/${grid.id}/results`,
          headers: { cookie: user.cookie, origin, 'content-type': 'application/json' },
          body: JSON.stringify({ cells: unique }),
        };
      },
    },
  ];
  return {
    requests,
    errors: [],
    description: `${learners.length} apprenants (tableau de bord, évaluations) et ${teachers.length} enseignants (ouvrir et enregistrer une grille)`,
  };
}
