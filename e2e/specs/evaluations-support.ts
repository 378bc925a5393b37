import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { callApi } from './admin-support.ts';

const id = () => crypto.randomUUID();

/**
 * A 35 × 12 evaluation of demo.enseignant written straight into the e2e server's SQLite file:
 * the demo has only a few learners, so 31 more are added as hidden accounts (not listed anywhere
 * else, so other specs see the same demo) and put in this evaluation only.
 */
export function seedBigEvaluation(dataDir: string, title: string): { evaluationId: string; learnerIds: string[]; columnIds: string[] } {
  const db = new Database(path.join(dataDir, 'cerise.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    const teacher = db.prepare("select id, establishment_id from users where login = 'demo.enseignant'").get() as { id: string; establishment_id: string };
    const est = teacher.establishment_id;
    const year = (db.prepare('select school_year from establishments where id = ?').get(est) as { school_year: string }).school_year;
    const template = db.prepare("select * from users where login = 'demo.apprenant'").get() as Record<string, unknown>;
    const real = (db.prepare("select m.learner_id from memberships m join divisions d on d.id = m.division_id where d.code = '1GA1' and d.establishment_id = ?").all(est) as { learner_id: string }[]).map((r) => r.learner_id);
    const competencies = (db.prepare('select id from competencies where establishment_id = ? order by code limit 12').all(est) as { id: string }[]).map((r) => r.id);
    const now = new Date().toISOString();
    const learnerIds = [...real];
    const evaluationId = id();
    let columnIds: string[] = [];
    const insertUser = db.prepare(`insert into users (${Object.keys(template).join(', ')}) values (${Object.keys(template).map((k) => `@${k}`).join(', ')})`);
    db.transaction(() => {
      for (let i = learnerIds.length; i < 35; i++) {
        const n = String(i).padStart(2, '0');
        const uid = id();
        insertUser.run({ ...template, id: uid, login: `banc.eleve${n}.${uid.slice(-6)}`, last_name: `BANC${n}`, first_name: `Élève${n}`, email: null, password_hash: null, hidden_at: now });
        learnerIds.push(uid);
      }
      db.prepare('insert into evaluations (id, establishment_id, author_id, scenario_id, title, evaluated_on, school_year, is_visible, created_at, updated_at, version) values (?, ?, ?, null, ?, ?, ?, 0, ?, ?, 1)').run(
        evaluationId,
        est,
        teacher.id,
        title,
        now.slice(0, 10),
        year,
        now,
        now,
      );
      columnIds = competencies.map((c, k) => {
        const cid = id();
        db.prepare('insert into evaluation_competencies (id, establishment_id, evaluation_id, competency_id, position) values (?, ?, ?, ?, ?)').run(cid, est, evaluationId, c, k + 1);
        return cid;
      });
      for (const l of learnerIds) db.prepare("insert into evaluation_learners (id, establishment_id, evaluation_id, learner_id, comment, comment_version) values (?, ?, ?, ?, '', 1)").run(id(), est, evaluationId, l);
    })();
    return { evaluationId, learnerIds, columnIds };
  } finally {
    db.close();
  }
}

export type ApiEvaluation = {
  id: string;
  version: number;
  isVisible: boolean;
  learners: { id: string; lastName: string; firstName: string }[];
  competencies: { id: string; code: string }[];
  results: { learnerId: string; evaluationCompetencyId: string; level: string; version: number }[];
};

export const getEvaluation = (page: Page, baseUrl: string, evaluationId: string) => callApi<ApiEvaluation>(page, baseUrl, 'GET', `/api/v1/evaluations/${evaluationId}`);

/** Waits until the grid says everything is saved. */
export async function gridSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-status').innerText(), { timeout: 15_000 }).toMatch(/^Enregistré à \d\d:\d\d$/);
}

/** Pastes text into the focused grid as a spreadsheet would (a paste event with text/plain). */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
