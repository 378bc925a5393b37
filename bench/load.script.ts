/**
 * What each simulated user does during the load test. Teaching modules add their requests here as
 * they land: learners open their dashboard and evaluations; teachers open and save grids.
 */
import type { Request } from 'autocannon';

export type LoadUser = { id: string; profile: 'learner' | 'teacher'; cookie: string };

export async function loadScript(_base: string, users: LoadUser[]): Promise<{ requests: Request[]; errors: number[]; description: string }> {
  let i = 0;
  const next = () => users[i++ % users.length]!;
  const requests: Request[] = [
    {
      method: 'GET',
      setupRequest: (req) => {
        const u = next();
        return { ...req, path: '/api/v1/auth/me', headers: { ...req.headers, cookie: u.cookie } };
      },
    },
  ];
  return { requests, errors: [], description: 'GET /auth/me' };
}
