import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEMO_PASSWORD, DEMO_UAI, seedDemo } from '../demo/demo.seed.ts';
import { DEMO_SECOND_TEACHER } from './scenarios.demo.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.deps);
});
afterAll(() => ctx.close());

describe(`scenarios demo (${testEngine})`, () => {
  it('gives demo.enseignant three scenarios, one private with a real PDF, and a colleague one public scenario', async () => {
    const teacher = new TestClient(ctx.app);
    await teacher.login(DEMO_UAI, 'demo.enseignant', DEMO_PASSWORD);
    const list = (await teacher.get('/api/v1/scenarios')).json();
    const mine = list.items.filter((i: { isMine: boolean }) => i.isMine);
    expect(mine).toHaveLength(3);
    expect(mine.filter((i: { isPrivate: boolean }) => i.isPrivate)).toHaveLength(1);
    const theirs = list.items.filter((i: { isMine: boolean }) => !i.isMine);
    expect(theirs).toEqual([expect.objectContaining({ isPrivate: false, author: expect.objectContaining({ login: DEMO_SECOND_TEACHER }) })]);

    const privateOne = (await teacher.get(`/api/v1/scenarios/${mine.find((i: { isPrivate: boolean }) => i.isPrivate).id}`)).json();
    expect(privateOne.attachments).toHaveLength(1);
    const pdf = await teacher.get(`/api/v1/scenarios/${privateOne.id}/attachments/${privateOne.attachments[0].id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.subarray(-8).toString()).toContain('%%EOF');

    const colleague = new TestClient(ctx.app);
    await colleague.login(DEMO_UAI, DEMO_SECOND_TEACHER, DEMO_PASSWORD);
    const seen = (await colleague.get('/api/v1/scenarios')).json();
    expect(seen.total).toBe(3);
    expect((await colleague.get(`/api/v1/scenarios/${privateOne.id}`)).statusCode).toBe(404);
  });
});
