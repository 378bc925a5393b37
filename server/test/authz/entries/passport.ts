import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Profile } from '@cerise/common';
import { storeUpload } from '../../../src/modules/files/files.usecases.ts';
import { tinyPng } from '../../../src/modules/passport/passport.photo.ts';
import { newId } from '../../../src/util/ids.ts';
import type { TestContext } from '../../harness.ts';
import { multipart } from '../../multipart.ts';
import { json, type Entry, type NotMine } from '../entries.ts';
import type { Side } from '../world.ts';

/** Matrix entries of the passport module's routes (with their "someone else's object" cases). */

const ALL: Profile[] = ['administrator', 'teacher', 'learner', 'parent'];
const LEARNER: Profile[] = ['learner'];
const TEACHER: Profile[] = ['teacher'];
const STAFF: Profile[] = ['administrator', 'teacher'];
const AT = '2026-11-20T10:00:00.000Z';

/** A situation of `learnerId` (side A's learner by default), with an attachment. */
async function situation(ctx: TestContext, s: Side, learnerId = s.users.learner.id) {
  const id = newId();
  await ctx.db
    .insertInto('passport_situations')
    .values({
      id,
      establishment_id: s.id,
      learner_id: learnerId,
      title: 'Accueil téléphonique',
      occurred_on: '2026-11-18',
      place: 'Lycée',
      context: '',
      conditions: '',
      competency_id: s.competencyId,
      done_text: '',
      produced_text: '',
      analysis_text: '',
      usage_text: '',
      bep_activity_id: null,
      bep_text: '',
      content_changed_at: AT,
      created_at: AT,
      updated_at: AT,
      version: 1,
    })
    .execute();
  const tmpPath = path.join(os.tmpdir(), `cerise-matrix-${newId()}.png`);
  const bytes = tinyPng(8, 8);
  fs.writeFileSync(tmpPath, bytes);
  const file = await storeUpload(ctx.deps, s.id, { filename: 'photo.png', tmpPath, size: bytes.length }, ['image/png']);
  fs.rmSync(tmpPath, { force: true });
  const fileId = file.id;
  const attachmentId = newId();
  await ctx.db.insertInto('passport_attachments').values({ id: attachmentId, establishment_id: s.id, situation_id: id, file_id: fileId, filename: 'photo.png', part: 'common', created_at: AT }).execute();
  return { id, attachmentId };
}

/** The same request, on an object of `who`'s relation: another learner's situation. */
const others = (build: (s: Side, ctx: TestContext, learnerId: string) => Promise<string> | string, who: NotMine['as'][]): NotMine[] =>
  who.map((as) => ({
    as,
    why: as === 'otherLearner' ? 'another learner’s passport' : as === 'otherParent' ? 'the passport of another parent’s child' : 'a learner this teacher does not teach',
    request: async (s, _w, ctx) => {
      // otherLearner and otherParent reach for side A's learner; otherTeacher too (teaches nobody).
      const url = await build(s, ctx, s.users.learner.id);
      return json('GET', url);
    },
  }));

const READ_STRANGERS: NotMine['as'][] = ['otherLearner', 'otherParent', 'otherTeacher'];
const sit = (id: string) => `/api/v1/passport/situations/${id}`;
const situationInput = (s: Side) => ({ title: 'Commande de fournitures', occurredOn: '2026-11-20', competencyId: s.competencyId, complexityIds: s.complexityIds.slice(0, 1), hazardIds: [] });

/** A state-changing request on side A learner's object, sent by someone who may not. */
function refused(as: NotMine['as'], why: string, request: NotMine['request']): NotMine {
  return { as, why, request };
}

export const PASSPORT_ENTRIES: Record<string, Entry> = {
  'GET /api/v1/passport/learners/:learnerId/situations': {
    who: ALL,
    scoped: true,
    request: async (s, _w, ctx) => {
      await situation(ctx, s);
      return json('GET', `/api/v1/passport/learners/${s.users.learner.id}/situations`);
    },
    notMine: others((_s, _ctx, learnerId) => `/api/v1/passport/learners/${learnerId}/situations`, READ_STRANGERS),
  },
  'GET /api/v1/passport/situations/:id': {
    who: ALL,
    scoped: true,
    request: async (s, _w, ctx) => json('GET', sit((await situation(ctx, s)).id)),
    notMine: others(async (s, ctx) => sit((await situation(ctx, s)).id), READ_STRANGERS),
  },
  'POST /api/v1/passport/situations': {
    who: LEARNER,
    scoped: false,
    ok: [201],
    request: (s) => json('POST', '/api/v1/passport/situations', situationInput(s)),
  },
  'PUT /api/v1/passport/situations/:id': {
    who: LEARNER,
    scoped: true,
    request: async (s, _w, ctx) => json('PUT', sit((await situation(ctx, s)).id), { ...situationInput(s), version: 1 }),
    notMine: [refused('otherLearner', 'another learner’s situation', async (s, _w, ctx) => json('PUT', sit((await situation(ctx, s)).id), { ...situationInput(s), version: 1 }))],
  },
  'DELETE /api/v1/passport/situations/:id': {
    who: LEARNER,
    scoped: true,
    ok: [204],
    request: async (s, _w, ctx) => json('DELETE', `${sit((await situation(ctx, s)).id)}?version=1`),
    notMine: [refused('otherLearner', 'another learner’s situation', async (s, _w, ctx) => json('DELETE', `${sit((await situation(ctx, s)).id)}?version=1`))],
  },
  'POST /api/v1/passport/situations/:id/attachments': {
    who: LEARNER,
    scoped: true,
    ok: [201],
    request: async (s, _w, ctx) => ({ method: 'POST', url: `${sit((await situation(ctx, s)).id)}/attachments`, ...multipart([{ field: 'file', filename: 'photo.png', content: tinyPng(8, 8) }]) }),
    notMine: [
      refused('otherLearner', 'another learner’s situation', async (s, _w, ctx) => ({
        method: 'POST',
        url: `${sit((await situation(ctx, s)).id)}/attachments`,
        ...multipart([{ field: 'file', filename: 'photo.png', content: tinyPng(8, 8) }]),
      })),
    ],
  },
  'DELETE /api/v1/passport/situations/:id/attachments/:attachmentId': {
    who: LEARNER,
    scoped: true,
    ok: [204],
    request: async (s, _w, ctx) => {
      const { id, attachmentId } = await situation(ctx, s);
      return json('DELETE', `${sit(id)}/attachments/${attachmentId}`);
    },
    notMine: [
      refused('otherLearner', 'another learner’s attachment', async (s, _w, ctx) => {
        const { id, attachmentId } = await situation(ctx, s);
        return json('DELETE', `${sit(id)}/attachments/${attachmentId}`);
      }),
    ],
  },
  'GET /api/v1/passport/situations/:id/attachments/:attachmentId': {
    who: ALL,
    scoped: true,
    request: async (s, _w, ctx) => {
      const { id, attachmentId } = await situation(ctx, s);
      return json('GET', `${sit(id)}/attachments/${attachmentId}`);
    },
    notMine: others(async (s, ctx) => {
      const { id, attachmentId } = await situation(ctx, s);
      return `${sit(id)}/attachments/${attachmentId}`;
    }, READ_STRANGERS),
  },
  'POST /api/v1/passport/situations/:id/reviews': {
    who: TEACHER,
    scoped: true,
    ok: [201],
    request: async (s, _w, ctx) => json('POST', `${sit((await situation(ctx, s)).id)}/reviews`, { level: 'RP', appraisal: 'Bien' }),
    notMine: [refused('otherTeacher', 'a learner this teacher does not teach', async (s, _w, ctx) => json('POST', `${sit((await situation(ctx, s)).id)}/reviews`, { level: 'RP', appraisal: 'Bien' }))],
  },
  'PUT /api/v1/passport/situations/:id/items': {
    who: TEACHER,
    scoped: true,
    request: async (s, _w, ctx) => json('PUT', `${sit((await situation(ctx, s)).id)}/items`, { complexityIds: s.complexityIds.slice(0, 1), hazardIds: s.hazardIds.slice(0, 1), version: 1 }),
    notMine: [
      refused('otherTeacher', 'a learner this teacher does not teach', async (s, _w, ctx) =>
        json('PUT', `${sit((await situation(ctx, s)).id)}/items`, { complexityIds: [], hazardIds: [], version: 1 }),
      ),
    ],
  },
  'PUT /api/v1/passport/learners/:learnerId/blocked/:competencyId': {
    who: TEACHER,
    scoped: true,
    request: (s) => json('PUT', `/api/v1/passport/learners/${s.users.learner.id}/blocked/${s.competencyId}`),
    notMine: [refused('otherTeacher', 'a learner this teacher does not teach', (s) => json('PUT', `/api/v1/passport/learners/${s.users.learner.id}/blocked/${s.competencyId}`))],
  },
  'DELETE /api/v1/passport/learners/:learnerId/blocked/:competencyId': {
    who: TEACHER,
    scoped: true,
    ok: [204],
    request: async (s, _w, ctx) => {
      await ctx.db
        .insertInto('blocked_competencies')
        .values({ id: newId(), establishment_id: s.id, learner_id: s.users.learner.id, competency_id: s.competencyId, teacher_id: s.users.teacher.id, blocked_at: AT })
        .onConflict((oc) => oc.columns(['learner_id', 'competency_id']).doNothing())
        .execute();
      return json('DELETE', `/api/v1/passport/learners/${s.users.learner.id}/blocked/${s.competencyId}`);
    },
    notMine: [refused('otherTeacher', 'a learner this teacher does not teach', (s) => json('DELETE', `/api/v1/passport/learners/${s.users.learner.id}/blocked/${s.competencyId}`))],
  },
  'GET /api/v1/passport/bep-activities': { who: ALL, scoped: true, request: (s) => json('GET', `/api/v1/passport/bep-activities?competencyId=${s.competencyId}`) },
  'GET /api/v1/passport/children': { who: ['parent'], scoped: false, request: () => json('GET', '/api/v1/passport/children') },
  'GET /api/v1/passport/classes': { who: STAFF, scoped: false, request: () => json('GET', '/api/v1/passport/classes') },
  'GET /api/v1/passport/learners/:learnerId/extract.pdf': {
    who: STAFF,
    scoped: true,
    request: async (s, _w, ctx) => {
      await situation(ctx, s);
      return json('GET', `/api/v1/passport/learners/${s.users.learner.id}/extract.pdf`);
    },
    notMine: [refused('otherTeacher', 'a learner this teacher does not teach', (s) => json('GET', `/api/v1/passport/learners/${s.users.learner.id}/extract.pdf`))],
  },
  'GET /api/v1/passport/classes/:divisionId/extracts.zip': {
    who: STAFF,
    scoped: true,
    request: (s) => json('GET', `/api/v1/passport/classes/${s.divisionId}/extracts.zip`),
    notMine: [refused('otherTeacher', 'a class this teacher does not teach', (s) => json('GET', `/api/v1/passport/classes/${s.divisionId}/extracts.zip`))],
  },
};
