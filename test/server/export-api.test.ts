// Issue 5 downloads through the API: who may call each (DESIGN §2: exports are Home Affairs'; a coordinator has their
// own unit's payment roster), and what the OpenAPI document says of them.
import { describe, expect, it } from 'vitest';
import { errorOf, person, signIn } from './export-helpers';
import { harnessPerTest, type Harness } from './harness';

const CAMPAIGN = 'quang-binh-2021';
const URL = `/api/campaigns/${CAMPAIGN}/exports`;
type Who = 'admin' | 'coordTp' | 'coordYt' | 'surveyor' | 'council' | 'staff' | 'anonymous';
let h: Harness;
const cookies = {} as Record<Exclude<Who, 'anonymous'>, string>;

harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    await person(t, 'quantri', 'Quản trị', 'admin');
    await person(t, 'dm-tp', 'Đầu mối Tư pháp', 'coordinator', { unitId: 'so-tu-phap' });
    await person(t, 'dm-yt', 'Đầu mối Y tế', 'coordinator', { unitId: 'so-y-te' });
    await person(t, 'dtv', 'Điều tra viên', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    await person(t, 'hd', 'Hội đồng', 'council');
    await person(t, 'cb', 'Cán bộ', 'staff', { unitId: 'so-tu-phap' });
    for (const [who, u] of [
      ['admin', 'quantri'],
      ['coordTp', 'dm-tp'],
      ['coordYt', 'dm-yt'],
      ['surveyor', 'dtv'],
      ['council', 'hd'],
      ['staff', 'cb'],
    ] as const)
      cookies[who] = await signIn(t, u);
  },
);

const call = (method: 'GET' | 'HEAD', url: string, who: Who) =>
  h.app.inject({ method, url, headers: who === 'anonymous' ? {} : { cookie: cookies[who] } });

const ADMIN_ONLY = ['responses.csv?questionnaireId=phieu-03-s', 'responses.xlsx', 'scores.json', 'scores.csv', 'scores.xlsx'];
const ROSTERS = ['rosters.xlsx', 'rosters.html', 'rosters.xlsx?unitId=so-tu-phap', 'rosters.html?unitId=so-tu-phap'];

describe('who may download what', () => {
  it.each(ADMIN_ONLY)('%s: Home Affairs only; coordinators never (they would see answers or scores of their own unit)', async (file) => {
    const expected: Record<Who, number> = {
      admin: 200,
      coordTp: 403,
      coordYt: 403,
      surveyor: 403,
      council: 403,
      staff: 403,
      anonymous: 401,
    };
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const res = await call(method, `${URL}/${file}`, who);
        expect(res.statusCode, `${method} ${file} as ${who}`).toBe(status);
        if (method === 'GET' && status !== 200) expect(errorOf(res).error).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
      }
    }
  });

  it.each(ROSTERS)('%s: Home Affairs and the coordinator of the unit; nobody else', async (file) => {
    const own = file.includes('unitId=so-tu-phap');
    const expected: Record<Who, number> = {
      admin: 200,
      coordTp: 200,
      coordYt: own ? 403 : 200,
      surveyor: 403,
      council: 403,
      staff: 403,
      anonymous: 401,
    };
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      for (const method of ['GET', 'HEAD'] as const)
        expect((await call(method, `${URL}/${file}`, who)).statusCode, `${method} ${file} as ${who}`).toBe(status);
    }
  });

  it('HEAD answers the headers of the download without making it', async () => {
    const res = await call('HEAD', `${URL}/responses.xlsx`, 'admin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.body).toBe('');
  });

  it('refuses a coordinator of another campaign’s unit and an unknown campaign', async () => {
    expect((await call('GET', '/api/campaigns/khong-co/exports/rosters.html', 'coordTp')).statusCode).toBe(404);
    expect((await call('GET', '/api/campaigns/khong-co/exports/scores.json', 'admin')).statusCode).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('documents every download under the "exports" tag, with its media type, filters and 4xx answers', async () => {
    const spec = (await call('GET', '/api/openapi.json', 'anonymous')).json() as {
      paths: Record<
        string,
        {
          get?: {
            tags?: string[];
            parameters?: { name: string; in: string }[];
            responses: Record<string, { content?: Record<string, unknown> }>;
          };
        }
      >;
    };
    const exports = Object.entries(spec.paths).filter(([p]) => p.includes('/exports/'));
    expect(exports.map(([p]) => p.split('/').pop()).sort()).toEqual([
      'responses.csv',
      'responses.xlsx',
      'rosters.html',
      'rosters.xlsx',
      'scores.csv',
      'scores.json',
      'scores.xlsx',
    ]);
    for (const [p, ops] of exports) {
      const get = ops.get!;
      expect(get.tags, p).toEqual(['exports']);
      expect(Object.keys(get.responses).sort(), p).toEqual(['200', '400', '401', '403', '404']);
      expect(
        get.parameters?.some((x) => x.in === 'path' && x.name === 'campaignId'),
        p,
      ).toBe(true);
    }
    const csv = spec.paths[`/api/campaigns/{campaignId}/exports/responses.csv`]!.get!;
    expect(Object.keys(csv.responses['200']!.content!)).toEqual(['text/csv']);
    expect(
      csv.parameters
        ?.filter((x) => x.in === 'query')
        .map((x) => x.name)
        .sort(),
    ).toEqual(['from', 'groupId', 'included', 'labels', 'level', 'questionnaireId', 'to', 'unitId']);
    expect(Object.keys(spec.paths[`/api/campaigns/{campaignId}/exports/responses.xlsx`]!.get!.responses['200']!.content!)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(Object.keys(spec.paths[`/api/campaigns/{campaignId}/exports/rosters.html`]!.get!.responses['200']!.content!)).toEqual([
      'text/html',
    ]);
  });
});
