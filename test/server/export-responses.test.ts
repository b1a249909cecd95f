// Issue 5, responses download: CSV and XLSX read back equal the database, Vietnamese intact; filters; bad filters.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openExportReader } from '../../src/server/db/export';
import { isChoiceQuestion, versionKey, type CampaignIndex, type SurveyResponse } from '../../src/shared';
import {
  BOM,
  answersFor,
  errorOf,
  exclude,
  person,
  pushAccepted,
  readWorkbook,
  response,
  sheetRows,
  signIn,
  vnTime,
} from './export-helpers';
import { harnessPerTest, ORIGIN, type Harness } from './harness';

const CAMPAIGN = 'quang-binh-2021';
const URL = `/api/campaigns/${CAMPAIGN}/exports`;
let h: Harness;
let index: CampaignIndex;
let admin: string;
let surveyorA: string;
let surveyorB: string;
let cookieA: string;
const ids: Record<string, string> = {};

const COMMENT = 'Cán bộ tiếp dân nhiệt tình, chu đáo; thủ tục "một cửa" nhanh.\nĐề nghị giảm bớt giấy tờ, ứng dụng CNTT nhiều hơn.';
const FORMULA = '=HYPERLINK("http://ke-xau.example","Bấm vào đây")';

const q = (id: string) => index.questionnaires.get(versionKey(id, 1))!;
const citizen = (over: Partial<SurveyResponse> = {}) =>
  response({
    unitId: 'so-tu-phap',
    groupId: 'so-nguoi-dan',
    questionnaireId: 'phieu-03-s',
    surveyorId: surveyorA,
    answers: answersFor(q('phieu-03-s'), 1, COMMENT),
    ...over,
  });

// The responses every test reads, pushed once in the template.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    index = t.registry.get(CAMPAIGN)!;
    await person(t, 'quantri', 'Quản trị Sở Nội vụ', 'admin');
    surveyorA = await person(t, 'dtv-an', 'Nguyễn Văn An', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan'],
        ['so-tu-phap', 'so-cong-chuc-so'],
        ['so-y-te', 'so-nguoi-dan'],
        ['h-minh-hoa', 'huyen-nguoi-dan'],
      ],
    });
    surveyorB = await person(t, 'dtv-bich', 'Trần Thị Bích', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    admin = await signIn(t, 'quantri');
    cookieA = await signIn(t, 'dtv-an');
    const cookieB = await signIn(t, 'dtv-bich');

    const staffQ = q('phieu-01-s');
    const all: Record<string, SurveyResponse> = {
      comment: citizen(),
      paper1: citizen({
        mode: 'paper',
        paperSerial: 'S-001',
        surveyorId: surveyorB,
        finishedAt: '2021-12-11T09:00:00+07:00',
        startedAt: '2021-12-11T08:50:00+07:00',
      }),
      // 17:30 UTC is 00:30 the next day in Việt Nam: a date filter must see 11/12.
      paper2: citizen({ mode: 'paper', paperSerial: 'S-001', startedAt: '2021-12-10T17:00:00Z', finishedAt: '2021-12-10T17:30:00Z' }),
      short: citizen({
        startedAt: '2021-12-12T08:00:00+07:00',
        finishedAt: '2021-12-12T08:02:00+07:00',
        answers: answersFor(q('phieu-03-s'), 0, FORMULA),
      }),
      yte: citizen({ unitId: 'so-y-te' }),
      district: response({
        unitId: 'h-minh-hoa',
        groupId: 'huyen-nguoi-dan',
        questionnaireId: 'phieu-03-h',
        surveyorId: surveyorA,
        answers: answersFor(q('phieu-03-h'), 2),
      }),
      uniform: response({
        unitId: 'so-tu-phap',
        groupId: 'so-cong-chuc-so',
        questionnaireId: 'phieu-01-s',
        surveyorId: surveyorA,
        answers: answersFor(staffQ, 0),
      }),
    };
    await pushAccepted(t, cookieA, [all.comment!, all.paper2!, all.short!, all.yte!, all.district!, all.uniform!]);
    await pushAccepted(t, cookieB, [all.paper1!]);
    // The staff cell's quota is 15: 15 more make the last one over quota.
    const staff = Array.from({ length: 15 }, (_, i) =>
      response({
        unitId: 'so-tu-phap',
        groupId: 'so-cong-chuc-so',
        questionnaireId: 'phieu-01-s',
        surveyorId: surveyorA,
        answers: answersFor(staffQ, (k) => (k + i) % 3),
      }),
    );
    await pushAccepted(t, cookieA, staff);
    for (const [k, r] of Object.entries(all)) ids[k] = r.id;
    ids.lastStaff = staff[14]!.id;
    await exclude(t, ids.yte!, 'Phiếu trùng lặp với phiếu giấy — loại theo đề nghị của tổ rà soát');
  },
);

const get = (url: string, cookie = admin) => h.app.inject({ method: 'GET', url, headers: { cookie } });

type Row = Awaited<ReturnType<typeof dbRows>>[number];
async function dbRows() {
  return h.handle.db.selectFrom('responses').selectAll().where('campaign_id', '=', CAMPAIGN).orderBy('received_at').orderBy('id').execute();
}

/** What a row of the download must hold, worked out from the database row without the export's code. */
function expected(row: Row, all: Row[], labels: boolean, csv: boolean): Record<string, string | number | null> {
  const unit = index.units.get(row.unit_id)!;
  const serialTwice =
    row.paper_serial !== null &&
    all.filter((r) => r.unit_id === row.unit_id && r.group_id === row.group_id && r.paper_serial === row.paper_serial).length > 1;
  const seconds = (Date.parse(row.finished_at) - Date.parse(row.started_at)) / 1000;
  const out: Record<string, string | number | null> = {
    id: row.id,
    unit_id: row.unit_id,
    unit_name: unit.name,
    level: unit.level,
    group_id: row.group_id,
    group_name: index.groups.get(row.group_id)!.name,
    questionnaire_id: row.questionnaire_id,
    questionnaire_version: row.questionnaire_version,
    surveyor_id: row.surveyor_id,
    surveyor_name: row.surveyor_id === surveyorA ? 'Nguyễn Văn An' : 'Trần Thị Bích',
    device_id: row.device_id,
    mode: row.mode,
    paper_serial: row.paper_serial,
    self_fill_batch: row.self_fill_batch_id,
    started_at: vnTime(row.started_at),
    finished_at: vnTime(row.finished_at),
    received_at: vnTime(row.received_at),
    duration_seconds: seconds,
    flag_over_quota: row.over_quota,
    flag_short_interview: ['interview', 'self-online'].includes(row.mode) && seconds < 5 * 60 ? 1 : 0,
    flag_duplicate_serial: serialTwice ? 1 : 0,
    flag_uniform_answers: row.uniform_answers,
    // Finished (Vietnam's day) after the survey deadline's last day: "trước ngày 30/12/2021" is through the 29th.
    flag_late: vnTime(row.finished_at).slice(0, 10) > '2021-12-29' ? 1 : 0,
    excluded: row.excluded,
    excluded_reason: row.excluded_reason,
  };
  const answers = JSON.parse(row.answers_json) as Record<string, string | number | string[]>;
  for (const question of index.questionnaires
    .get(versionKey(row.questionnaire_id, row.questionnaire_version))!
    .sections.flatMap((s) => s.questions)) {
    const a = answers[question.code];
    const label = (c: string) => (isChoiceQuestion(question) ? question.choices.find((x) => x.code === c)!.label : c);
    out[question.code] =
      a === undefined
        ? null
        : Array.isArray(a)
          ? labels
            ? a.map(label).join('; ')
            : a.join(';')
          : typeof a === 'string' && labels
            ? label(a)
            : a;
  }
  if (!csv) return out;
  // CSV: text, nothing for null; text that a spreadsheet would run as a formula starts with an apostrophe.
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [k, v === null ? '' : typeof v === 'number' ? String(v) : /^[=+\-@]/.test(v) ? `'${v}` : v]),
  );
}

describe('responses.csv', () => {
  it('is UTF-8 with a BOM, an attachment with a Vietnamese file name, and equals the database rows', async () => {
    const res = await get(`${URL}/responses.csv?questionnaireId=phieu-03-s`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('Phiếu đã thu - quang-binh-2021 - phieu-03-s.csv');
    expect(res.rawPayload.subarray(0, 3).equals(BOM)).toBe(true);

    const records = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    const all = await dbRows();
    const rows = all.filter((r) => r.questionnaire_id === 'phieu-03-s');
    expect(records.map((r) => r.id)).toEqual(rows.map((r) => r.id)); // arrival order
    rows.forEach((row, i) => expect(records[i]).toEqual(expected(row, all, false, true)));

    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get(ids.comment!)?.C1).toBe(COMMENT); // diacritics, quotes, ";" and a line break survive
    expect(byId.get(ids.comment!)?.unit_name).toBe('Sở Tư pháp');
    expect(byId.get(ids.short!)?.C1).toBe(`'${FORMULA}`);
    expect(byId.get(ids.short!)?.flag_short_interview).toBe('1');
    expect(byId.get(ids.paper1!)?.flag_duplicate_serial).toBe('1');
    expect(byId.get(ids.paper2!)?.flag_duplicate_serial).toBe('1');
    expect(byId.get(ids.yte!)).toMatchObject({
      excluded: '1',
      excluded_reason: 'Phiếu trùng lặp với phiếu giấy — loại theo đề nghị của tổ rà soát',
    });
  });

  it('gives choice labels when asked, and multiple choices joined', async () => {
    const res = await get(`${URL}/responses.csv?questionnaireId=phieu-03-s&labels=labels`);
    const records = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    const all = await dbRows();
    const rows = all.filter((r) => r.questionnaire_id === 'phieu-03-s');
    rows.forEach((row, i) => expect(records[i]).toEqual(expected(row, all, true, true)));
    expect(records.find((r) => r.id === ids.comment)?.Q1).toBe('Hài lòng');

    const district = parse((await get(`${URL}/responses.csv?groupId=huyen-nguoi-dan`)).rawPayload, { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const multi = q('phieu-03-h')
      .sections.flatMap((s) => s.questions)
      .find((x) => x.kind === 'multiple-choice')!;
    const codes = isChoiceQuestion(multi) ? multi.choices.slice(0, 2) : [];
    expect(district[0]?.[multi.code]).toBe(codes.map((c) => c.code).join(';'));
    const districtLabels = parse((await get(`${URL}/responses.csv?groupId=huyen-nguoi-dan&labels=labels`)).rawPayload, {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(districtLabels[0]?.[multi.code]).toBe(codes.map((c) => c.label).join('; '));
  });

  const idsOf = async (query: string) => {
    const res = await get(`${URL}/responses.csv?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[]).map((r) => r.id);
  };

  it('filters by unit, group, level, date (Việt Nam days on finished_at) and exclusion', async () => {
    const citizens = [ids.comment, ids.paper2, ids.short, ids.yte, ids.paper1];
    expect(new Set(await idsOf('questionnaireId=phieu-03-s'))).toEqual(new Set(citizens));
    expect(new Set(await idsOf('questionnaireId=phieu-03-s&unitId=so-y-te'))).toEqual(new Set([ids.yte]));
    expect(new Set(await idsOf('groupId=so-nguoi-dan&unitId=so-tu-phap'))).toEqual(
      new Set([ids.comment, ids.paper2, ids.short, ids.paper1]),
    );
    expect(await idsOf('level=district&questionnaireId=phieu-03-h')).toEqual([ids.district]);
    expect(new Set(await idsOf('questionnaireId=phieu-03-s&from=2021-12-11&to=2021-12-11'))).toEqual(new Set([ids.paper1, ids.paper2]));
    expect(new Set(await idsOf('questionnaireId=phieu-03-s&to=2021-12-10'))).toEqual(new Set([ids.comment, ids.yte]));
    expect(new Set(await idsOf('questionnaireId=phieu-03-s&from=2021-12-12'))).toEqual(new Set([ids.short]));
    expect(await idsOf('questionnaireId=phieu-03-s&included=excluded')).toEqual([ids.yte]);
    expect(new Set(await idsOf('questionnaireId=phieu-03-s&included=included'))).toEqual(new Set(citizens.filter((x) => x !== ids.yte)));
    expect(await idsOf('questionnaireId=phieu-03-s&from=2022-01-01')).toEqual([]);
    const staff = await idsOf('unitId=so-tu-phap&groupId=so-cong-chuc-so');
    expect(staff).toHaveLength(16);
  });

  it('flags over quota and straight-lined answers', async () => {
    const res = await get(`${URL}/responses.csv?groupId=so-cong-chuc-so`);
    const records = parse(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.filter((r) => r.flag_over_quota === '1').map((r) => r.id)).toEqual([ids.lastStaff]);
    expect(records.filter((r) => r.flag_uniform_answers === '1').map((r) => r.id)).toEqual([ids.uniform]);
  });

  it('needs a questionnaire when the filters match several, and says which', async () => {
    const res = await get(`${URL}/responses.csv?unitId=so-tu-phap`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ error: 'invalid-filter' });
    expect(errorOf(res).message).toMatch(/questionnaireId: phieu-01-s, phieu-02-s, phieu-03-s/);
  });

  it('says a refused filter in English when asked, with the same error code and issue path', async () => {
    const en = (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie: admin, 'accept-language': 'en' } });
    const several = await en(`${URL}/responses.csv?unitId=so-tu-phap`);
    expect(several.statusCode).toBe(400);
    expect(errorOf(several)).toEqual({
      error: 'invalid-filter',
      message:
        'A CSV file holds one questionnaire (one column per question). Choose a questionnaireId: phieu-01-s, phieu-02-s, phieu-03-s; or download an XLSX file, one sheet per questionnaire.',
      issues: [{ path: 'querystring.questionnaireId', message: expect.stringMatching(/^A CSV file holds one questionnaire/) }],
    });
    const unit = await en(`${URL}/responses.csv?unitId=khong-co`);
    expect(errorOf(unit)).toMatchObject({
      error: 'invalid-filter',
      message: 'The campaign has no unit "khong-co".',
      issues: [{ path: 'querystring.unitId' }],
    });
    expect(errorOf(await get(`${URL}/responses.csv?unitId=khong-co`)).message).toBe('Không có đơn vị "khong-co" trong kỳ đánh giá.');
  });
});

describe('responses.xlsx', () => {
  it('equals the database, one sheet per questionnaire, with a codebook', async () => {
    const res = await get(`${URL}/responses.xlsx?unitId=so-tu-phap`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(
      'Phiếu đã thu - quang-binh-2021 - Sở Tư pháp.xlsx',
    );
    const wb = await readWorkbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['phieu-01-s', 'phieu-02-s', 'phieu-03-s', 'Codebook', 'Thông tin']);

    const all = await dbRows();
    for (const questionnaire of ['phieu-01-s', 'phieu-02-s', 'phieu-03-s']) {
      const [header = [], ...data] = sheetRows(wb, questionnaire);
      const rows = all.filter((r) => r.questionnaire_id === questionnaire && r.unit_id === 'so-tu-phap');
      expect(data).toHaveLength(rows.length);
      rows.forEach((row, i) => {
        const want = expected(row, all, false, false);
        expect(header).toEqual(Object.keys(want));
        expect(data[i]).toEqual(Object.values(want));
      });
    }
    const comment = sheetRows(wb, 'phieu-03-s').find((r) => r[0] === ids.comment)!;
    expect(comment).toContain(COMMENT);
    expect(comment).toContain('Nguyễn Văn An');
    // No CSV-style apostrophe in a workbook: a text cell is never a formula there.
    expect(sheetRows(wb, 'phieu-03-s').find((r) => r[0] === ids.short)).toContain(FORMULA);

    const [cbHeader = [], ...codebook] = sheetRows(wb, 'Codebook');
    expect(cbHeader).toEqual([
      'questionnaire_id',
      'questionnaire_version',
      'section',
      'question_code',
      'column',
      'question_text',
      'kind',
      'required',
      'choices',
      'coefficients',
      'sub_criterion',
      'sub_criterion_title',
      'question_weight',
    ]);
    const q1 = codebook.find((r) => r[0] === 'phieu-03-s' && r[1] === 1 && r[3] === 'Q1')!;
    const def = q('phieu-03-s')
      .sections.flatMap((s) => s.questions)
      .find((x) => x.code === 'Q1')!;
    expect(q1[5]).toBe(def.text);
    expect(q1[6]).toBe('rating');
    expect(q1[8]).toBe('A=Rất hài lòng; B=Hài lòng; C=Bình thường; D=Không hài lòng; E=Không biết');
    expect(q1[9]).toBe('A=1; B=0.75; C=0.5; D=0; E=excluded');
    expect(q1[10]).toBe('3.6.1');
    expect(q1[11]).toBe(index.subCriteria.get('department')!.get('3.6.1')!.title);
    // Every version of the questionnaire is described, each with its own questions.
    for (const version of [1, 2]) {
      const questions = index.questionnaires.get(versionKey('phieu-03-s', version))!.sections.flatMap((s) => s.questions);
      expect(codebook.filter((r) => r[0] === 'phieu-03-s' && r[1] === version)).toHaveLength(questions.length);
    }
    expect(codebook.find((r) => r[0] === 'phieu-03-s' && r[3] === 'C1')?.[6]).toBe('long-text');

    const info = sheetRows(wb, 'Thông tin');
    expect(info).toContainEqual(['Đơn vị', 'Sở Tư pháp']);
    expect(info).toContainEqual(['Số phiếu phieu-03-s', 4]);
  });

  it('takes the same filters', async () => {
    const wb = await readWorkbook(
      await get(`${URL}/responses.xlsx?questionnaireId=phieu-03-s&included=included&from=2021-12-11&labels=labels`),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['phieu-03-s', 'Codebook', 'Thông tin']);
    const [header = [], ...data] = sheetRows(wb, 'phieu-03-s');
    expect(new Set(data.map((r) => r[0]))).toEqual(new Set([ids.paper1, ids.paper2, ids.short]));
    const q1 = header.indexOf('Q1');
    expect(data.map((r) => r[q1])).toContain('Rất hài lòng');
  });
});

describe('bad filters are a 400 with a Vietnamese message, never a 5xx', () => {
  it.each([
    ['unknown unit', 'responses.csv?unitId=so-khong-co', /Không có đơn vị "so-khong-co"/],
    ['unknown group', 'responses.xlsx?groupId=nhom-la', /Không có đối tượng điều tra "nhom-la"/],
    ['unknown level', 'responses.xlsx?level=tinh', /Không có cấp "tinh"/],
    ['unknown questionnaire', 'responses.csv?questionnaireId=phieu-99', /Không có phiếu điều tra "phieu-99"/],
    ['from after to', 'responses.csv?questionnaireId=phieu-03-s&from=2021-12-20&to=2021-12-01', /sau ngày kết thúc/],
    ['a day that does not exist', 'responses.csv?questionnaireId=phieu-03-s&from=2021-02-30', /Ngày không tồn tại/],
    ['a day written another way', 'responses.xlsx?to=10/12/2021', /YYYY-MM-DD/],
    ['unit of another level', 'responses.xlsx?unitId=so-tu-phap&level=district', /không thuộc cấp "district"/],
    ['group of another level', 'responses.xlsx?unitId=h-minh-hoa&groupId=so-nguoi-dan', /không đánh giá cấp "district"/],
    ['questionnaire of another group', 'responses.csv?groupId=so-nguoi-dan&questionnaireId=phieu-01-s', /không dành cho đối tượng/],
    ['included spelled wrong', 'responses.csv?questionnaireId=phieu-03-s&included=yes', /./],
    ['labels spelled wrong', 'responses.csv?questionnaireId=phieu-03-s&labels=names', /./],
  ])('%s', async (_what, path, message) => {
    const res = await get(`${URL}/${path}`);
    expect(res.statusCode, res.body).toBe(400);
    const body = errorOf(res);
    expect(['invalid-filter', 'invalid-request']).toContain(body.error);
    expect(body.message + JSON.stringify(body.issues ?? [])).toMatch(message);
  });

  it('an unknown campaign is a 404', async () => {
    const res = await get('/api/campaigns/khong-co/exports/responses.csv?questionnaireId=phieu-03-s');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).message).toMatch(/kỳ đánh giá "khong-co"/);
  });
});

describe('a download in progress', () => {
  it('does not hold up sync: it reads on a connection of its own', async () => {
    const reader = await openExportReader(h.handle.db);
    // Batches of 2 rows: the first read leaves the cursor open, mid-read.
    const cursor = reader.responses({ campaignId: CAMPAIGN, included: 'all' }, 2)[Symbol.asyncIterator]();
    const before = await dbRows();
    expect(before.length).toBeGreaterThan(2);
    const first = await cursor.next();
    expect(first.done).toBe(false);
    const fresh = citizen();
    const push = h.app.inject({
      method: 'POST',
      url: '/api/sync/responses',
      headers: { cookie: cookieA, origin: ORIGIN },
      payload: { responses: [fresh] },
    });
    const res = await Promise.race([push, new Promise<'stuck'>((r) => setTimeout(() => r('stuck'), 3000))]);
    expect(res).not.toBe('stuck');
    if (res !== 'stuck') expect(res.json().results[0].status).toBe('accepted');
    // The open cursor reads the snapshot it started on.
    let n = first.value?.length ?? 0;
    for (let r = await cursor.next(); r.done !== true; r = await cursor.next()) n += r.value.length;
    expect(n).toBe(before.length);
    await reader.close();
  });
});
