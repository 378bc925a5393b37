import { newId } from '../../../src/util/ids.ts';
import { storeUpload } from '../../../src/modules/files/files.usecases.ts';
import { SAMPLES, tempUpload } from '../../../src/modules/files/files.test-support.ts';
import type { TestContext } from '../../harness.ts';
import { multipart } from '../../multipart.ts';
import type { Side, World } from '../world.ts';
import { json, type Entry, type NotMine, type Req } from '../entries.ts';

/**
 * Matrix entries of the scenarios module. The module is the teachers' (route profile teacher);
 * the policy then lets the author do everything, colleagues read public scenarios only. A
 * colleague changing someone else's PUBLIC scenario gets 403 `scenarios.not_author` (they can
 * read it, so the answer reveals nothing); anything on someone else's PRIVATE one is 404.
 */
const TEACHER = ['teacher' as const];

type Made = { id: string; attachmentId: string };

/** A scenario of side `s` written straight to the database, owned by its teacher (or `authorId`). */
async function makeScenario(ctx: TestContext, s: Side, opts: { isPrivate: boolean; withAttachment?: boolean; authorId?: string }): Promise<Made> {
  const id = newId();
  const at = '2026-11-20T10:00:00.000Z';
  await ctx.db
    .insertInto('scenarios')
    .values({ id, establishment_id: s.id, author_id: opts.authorId ?? s.users.teacher.id, title: `Scénario ${id.slice(-6)}`, is_private: opts.isPrivate ? 1 : 0, level: 'seconde', context: 'Contexte', materials: '', links: '[]', resources: '', created_at: at, updated_at: at, version: 1 })
    .execute();
  const ownerId = newId();
  await ctx.db.insertInto('scenario_competencies').values({ id: ownerId, establishment_id: s.id, scenario_id: id, competency_id: s.competencyId, position: 1 }).execute();
  await ctx.db.insertInto('scenario_items').values({ id: newId(), establishment_id: s.id, owner_id: ownerId, complexity_id: s.complexityIds[0]!, hazard_id: null }).execute();
  let attachmentId = '';
  if (opts.withAttachment) {
    // Unique bytes per scenario, so removing one attachment may remove its file.
    const stored = await storeUpload(ctx.deps, s.id, tempUpload('sujet.pdf', Buffer.concat([SAMPLES.pdf(), Buffer.from(id)])), ['application/pdf']);
    attachmentId = newId();
    await ctx.db.insertInto('scenario_attachments').values({ id: attachmentId, establishment_id: s.id, scenario_id: id, file_id: stored.id, filename: 'sujet.pdf', created_at: at }).execute();
  }
  return { id, attachmentId };
}

const fields = (s: Side) => ({
  title: 'Scénario modifié',
  isPrivate: false,
  level: 'premiere',
  context: 'Nouveau contexte',
  materials: '',
  links: ['https://example.org'],
  resources: '',
  competencies: [{ competencyId: s.competencyId, complexityIds: [s.complexityIds[0]], hazardIds: [s.hazardIds[0]] }],
});

function pdfUpload(url: string): Req {
  return { method: 'POST', url, ...multipart([{ field: 'files', filename: 'consignes.pdf', content: SAMPLES.pdf() }]) };
}

type Build = (m: Made, s: Side) => Req;

/** Someone else's object: the teacher's private scenario (404), and for changes their public one (403). */
function notMine(build: Build, opts: { changes: boolean; withAttachment?: boolean }): NotMine[] {
  const out: NotMine[] = [
    {
      as: 'otherTeacher',
      why: "another teacher on the teacher's private scenario",
      request: async (s: Side, _w: World, ctx: TestContext) => build(await makeScenario(ctx, s, { isPrivate: true, withAttachment: opts.withAttachment ?? false }), s),
    },
  ];
  if (opts.changes) {
    out.push({
      as: 'otherTeacher',
      status: 403,
      why: "another teacher changing the teacher's public scenario",
      request: async (s: Side, _w: World, ctx: TestContext) => build(await makeScenario(ctx, s, { isPrivate: false, withAttachment: opts.withAttachment ?? false }), s),
    });
  }
  return out;
}

function onScenario(build: Build, opts: { ok?: number[]; changes: boolean; withAttachment?: boolean }): Entry {
  return {
    who: TEACHER,
    scoped: true,
    ...(opts.ok ? { ok: opts.ok } : {}),
    request: async (s, _w, ctx) => build(await makeScenario(ctx, s, { isPrivate: true, withAttachment: opts.withAttachment ?? false }), s),
    notMine: notMine(build, opts),
  };
}

export const SCENARIOS_ENTRIES: Record<string, Entry> = {
  'GET /api/v1/scenarios': { who: TEACHER, scoped: false, request: () => json('GET', '/api/v1/scenarios?search=a&level=seconde&competency=C111&page=1') },
  'POST /api/v1/scenarios': { who: TEACHER, scoped: false, ok: [201], request: (s) => json('POST', '/api/v1/scenarios', fields(s)) },
  'GET /api/v1/scenarios/:id': onScenario((m) => json('GET', `/api/v1/scenarios/${m.id}`), { changes: false }),
  'PUT /api/v1/scenarios/:id': onScenario((m, s) => json('PUT', `/api/v1/scenarios/${m.id}`, { ...fields(s), version: 1 }), { changes: true }),
  'DELETE /api/v1/scenarios/:id': onScenario((m) => json('DELETE', `/api/v1/scenarios/${m.id}`), { ok: [204], changes: true, withAttachment: true }),
  'POST /api/v1/scenarios/:id/duplicate': onScenario((m) => json('POST', `/api/v1/scenarios/${m.id}/duplicate`, { title: 'Ma copie', level: 'terminale' }), { ok: [201], changes: false, withAttachment: true }),
  'GET /api/v1/scenarios/:id/learners': onScenario((m) => json('GET', `/api/v1/scenarios/${m.id}/learners`), { changes: false }),
  'GET /api/v1/scenarios/:id/export.docx': onScenario((m) => json('GET', `/api/v1/scenarios/${m.id}/export.docx`), { changes: false, withAttachment: true }),
  'POST /api/v1/scenarios/:id/attachments': onScenario((m) => pdfUpload(`/api/v1/scenarios/${m.id}/attachments`), { ok: [201], changes: true }),
  'GET /api/v1/scenarios/:id/attachments/:attachmentId': onScenario((m) => json('GET', `/api/v1/scenarios/${m.id}/attachments/${m.attachmentId}`), { changes: false, withAttachment: true }),
  'DELETE /api/v1/scenarios/:id/attachments/:attachmentId': onScenario((m) => json('DELETE', `/api/v1/scenarios/${m.id}/attachments/${m.attachmentId}`), {
    ok: [204],
    changes: true,
    withAttachment: true,
  }),
};
