// Issue 5, payment rosters (thanh quyết toán kinh phí): the respondents and surveyors of a unit with their amounts and
// totals, as XLSX and as a printable page under a CSP that allows nothing but its style sheet; coordinators get their
// own unit only (DESIGN §2).
import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { putSettingsJson } from '../../src/server/db/settings';
import { versionKey, type CampaignIndex } from '../../src/shared';
import {
  answersFor,
  errorOf,
  exclude,
  person,
  pushAccepted,
  pushRoster,
  readWorkbook,
  response,
  sheetRows,
  signIn,
} from './export-helpers';
import { harnessPerTest, type Harness } from './harness';

const CAMPAIGN = 'quang-binh-2021';
const URL = `/api/campaigns/${CAMPAIGN}/exports`;
let h: Harness;
let index: CampaignIndex;
const c = {} as Record<'admin' | 'coordTp' | 'coordYt' | 'surveyor' | 'council' | 'staff', string>;
let firstTp: string;

const entry = (surveyorId: string, over: Record<string, unknown>) => ({
  id: randomUUID(),
  campaignId: CAMPAIGN,
  unitId: 'so-tu-phap',
  groupId: 'so-nguoi-dan',
  surveyorId,
  deviceId: 'dev-roster',
  respondentName: 'Nguyễn Thị Hoa',
  collectedOn: '2021-12-10',
  ...over,
});

// The rates, roster entries and responses every test reads, set once in the template.
harnessPerTest(
  (fresh) => (h = fresh),
  async (t) => {
    index = t.registry.get(CAMPAIGN)!;
    // Rates: 50.000 đ per respondent, 30.000 đ for the unit's own staff, 20.000 đ per questionnaire to the surveyor.
    await putSettingsJson(
      t.handle.db,
      CAMPAIGN,
      JSON.stringify({ payment: { respondentRate: 50_000, respondentRateByGroup: { 'so-cong-chuc-so': 30_000 }, surveyorRate: 20_000 } }),
      new Date().toISOString(),
      null,
    );
    await t.registry.reload();
    await person(t, 'quantri', 'Quản trị', 'admin');
    await person(t, 'dm-tu-phap', 'Đầu mối Tư pháp', 'coordinator', { unitId: 'so-tu-phap' });
    await person(t, 'dm-y-te', 'Đầu mối Y tế', 'coordinator', { unitId: 'so-y-te' });
    await person(t, 'hd', 'Hội đồng', 'council');
    await person(t, 'cb-tu-phap', 'Cán bộ Tư pháp', 'staff', { unitId: 'so-tu-phap' });
    const an = await person(t, 'dtv-an', 'Nguyễn Văn An', 'surveyor', {
      cells: [
        ['so-tu-phap', 'so-nguoi-dan'],
        ['so-tu-phap', 'so-cong-chuc-so'],
        ['so-y-te', 'so-nguoi-dan'],
      ],
    });
    const bich = await person(t, 'dtv-bich', 'Trần Thị Bích', 'surveyor', { cells: [['so-tu-phap', 'so-nguoi-dan']] });
    for (const [k, u] of [
      ['admin', 'quantri'],
      ['coordTp', 'dm-tu-phap'],
      ['coordYt', 'dm-y-te'],
      ['surveyor', 'dtv-an'],
      ['council', 'hd'],
      ['staff', 'cb-tu-phap'],
    ] as const)
      c[k] = await signIn(t, u);
    const cookieBich = await signIn(t, 'dtv-bich');

    await pushRoster(t, c.surveyor, [
      entry(an, { respondentName: 'Nguyễn Thị Hoa', organisation: 'Thôn Tân Mỹ, xã Quảng Phú', collectedOn: '2021-12-10' }),
      entry(an, {
        respondentName: '<script>alert("x")</script> Lê Văn Tám',
        organisation: 'Công ty TNHH "An & Bình"',
        collectedOn: '2021-12-11',
      }),
      entry(an, { respondentName: 'Phạm Đức Thắng', groupId: 'so-cong-chuc-so', collectedOn: '2021-12-12' }),
      entry(an, { respondentName: 'Hoàng Yến', unitId: 'so-y-te', collectedOn: '2021-12-12' }),
    ]);
    await pushRoster(t, cookieBich, [entry(bich, { respondentName: 'Đặng Quốc Việt', organisation: 'Hộ kinh doanh Việt Hà' })]);

    const citizen = (surveyorId: string, unitId = 'so-tu-phap') =>
      response({
        unitId,
        groupId: 'so-nguoi-dan',
        questionnaireId: 'phieu-03-s',
        surveyorId,
        answers: answersFor(index.questionnaires.get(versionKey('phieu-03-s', 1))!, 1),
      });
    const tp = [citizen(an), citizen(an), citizen(an)];
    firstTp = tp[0]!.id;
    await pushAccepted(t, c.surveyor, [...tp, citizen(an, 'so-y-te')]);
    await pushAccepted(t, cookieBich, [citizen(bich), citizen(bich)]);
    await exclude(t, firstTp, 'Phiếu không hợp lệ');
  },
);

const get = (url: string, cookie?: string) => h.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe('rosters.html', () => {
  it('prints both lists of a unit with amounts in đồng, totals and a signature column', async () => {
    const res = await get(`${URL}/rosters.html?unitId=so-tu-phap`, c.admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toContain('DANH SÁCH NGƯỜI TRẢ LỜI PHIẾU KHẢO SÁT'); // every group answers: citizens, civil servants, deputies
    expect(html).not.toContain('Chưa đặt mức chi');
    expect(html).toContain('DANH SÁCH ĐIỀU TRA VIÊN');
    expect(html).toContain('Đơn vị được đánh giá: <strong>Sở Tư pháp</strong>');
    expect(html.match(/<th>Ký nhận<\/th>/g)).toHaveLength(2);
    // Respondents: 3 × 50.000 + 1 × 30.000 (own staff) = 180.000 đ.
    const respondents = html.slice(html.indexOf('class="respondents"'), html.indexOf('</table>'));
    expect(respondents).toContain(
      '<td>Nguyễn Thị Hoa</td><td>Thôn Tân Mỹ, xã Quảng Phú</td><td>Người dân, doanh nghiệp có giao dịch</td><td class="c">10/12/2021</td><td class="n">50.000</td>',
    );
    expect(respondents).toContain(
      '<td>Phạm Đức Thắng</td><td></td><td>Lãnh đạo và công chức thuộc Sở, ngành</td><td class="c">12/12/2021</td><td class="n">30.000</td>',
    );
    expect(respondents).toContain('Tổng cộng: 4 người</td><td class="n">180.000</td>');
    expect(respondents).not.toContain('Hoàng Yến'); // Sở Y tế's
    // User data is escaped: no markup gets through.
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Lê Văn Tám');
    expect(html).toContain('Công ty TNHH &quot;An &amp; Bình&quot;');
    // Surveyors, under the default rule (only what review kept is paid): An 3 received, one excluded → 2 paid; Bích 2;
    // 20.000 đ each → 40.000 + 40.000 = 80.000 đ.
    const surveyors = html.slice(html.indexOf('class="surveyors-table"'));
    expect(surveyors).toContain('<th>Số phiếu nhận</th><th>Bị loại khi rà soát</th><th>Số phiếu được trả</th>');
    expect(surveyors).toContain(
      '<td>Nguyễn Văn An</td><td class="n">3</td><td class="n">1</td><td class="n">2</td><td class="n">20.000</td><td class="n">40.000</td>',
    );
    expect(surveyors).toContain(
      '<td>Trần Thị Bích</td><td class="n">2</td><td class="n">0</td><td class="n">2</td><td class="n">20.000</td><td class="n">40.000</td>',
    );
    expect(surveyors).toContain(
      '<td colspan="2">Tổng cộng</td><td class="n">5</td><td class="n">1</td><td class="n">4</td><td></td><td class="n">80.000</td>',
    );
    expect(surveyors).toContain('Điều tra viên được trả cho số phiếu được tính: phiếu bị loại khi rà soát không được trả.');
    expect(html).toMatch(/@page \{ size: A4/);
  });

  it('is served with a CSP that allows its own style sheet and nothing else (no script at all)', async () => {
    const res = await get(`${URL}/rosters.html?unitId=so-tu-phap`, c.admin);
    const csp = String(res.headers['content-security-policy']);
    const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)![1]!;
    expect(csp).toBe(
      `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    expect(res.body.match(/<style>/g)).toHaveLength(1);
    expect(res.body).not.toMatch(/\sstyle=|<script|\son\w+=/i);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives Home Affairs every unit, one after another, when no unit is named', async () => {
    const res = await get(`${URL}/rosters.html`, c.admin);
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<section>/g)).toHaveLength(index.bundle.campaign.units.length);
    expect(res.body).toContain('Hoàng Yến');
  });
});

describe('rosters.xlsx', () => {
  it('holds both lists with their totals, one sheet per unit', async () => {
    const res = await get(`${URL}/rosters.xlsx?unitId=so-tu-phap`, c.admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(
      'Danh sách thanh toán - Sở Tư pháp.xlsx',
    );
    const wb = await readWorkbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tư pháp']);
    // Trailing empty cells (the signature column) are not read back; merged title cells repeat their text.
    const rows = sheetRows(wb, 'Tư pháp').map((r) => {
      const out = [...r];
      while (out.length > 0 && out[out.length - 1] === null) out.pop();
      return out;
    });
    expect(rows[0]?.[0]).toBe('DANH SÁCH NGƯỜI TRẢ LỜI PHIẾU KHẢO SÁT');
    expect(rows).toContainEqual([
      'STT',
      'Họ và tên',
      'Cơ quan, tổ chức / Địa chỉ',
      'Đối tượng',
      'Ngày khảo sát',
      'Số tiền (đồng)',
      'Ký nhận',
    ]);
    const named = (name: string) => rows.find((r) => r[1] === name);
    expect(named('Nguyễn Thị Hoa')?.slice(1)).toEqual([
      'Nguyễn Thị Hoa',
      'Thôn Tân Mỹ, xã Quảng Phú',
      'Người dân, doanh nghiệp có giao dịch',
      '10/12/2021',
      50_000,
    ]);
    expect(named('<script>alert("x")</script> Lê Văn Tám')?.slice(1)).toEqual([
      '<script>alert("x")</script> Lê Văn Tám',
      'Công ty TNHH "An & Bình"',
      'Người dân, doanh nghiệp có giao dịch',
      '11/12/2021',
      50_000,
    ]);
    expect(named('Phạm Đức Thắng')?.slice(1)).toEqual([
      'Phạm Đức Thắng',
      null,
      'Lãnh đạo và công chức thuộc Sở, ngành',
      '12/12/2021',
      30_000,
    ]);
    expect(rows.filter((r) => typeof r[0] === 'number' && r.length >= 6 && typeof r[4] === 'string').map((r) => r[0])).toEqual([
      1, 2, 3, 4,
    ]);
    expect(rows).toContainEqual([null, 'Tổng cộng: 4 người', null, null, null, 180_000]);
    expect(rows.some((r) => r[0] === 'DANH SÁCH ĐIỀU TRA VIÊN')).toBe(true);
    expect(rows).toContainEqual([
      'STT',
      'Họ và tên',
      'Số phiếu nhận',
      'Bị loại khi rà soát',
      'Số phiếu được trả',
      'Đơn giá (đồng/phiếu)',
      'Thành tiền (đồng)',
      'Ký nhận',
    ]);
    expect(rows).toContainEqual([1, 'Nguyễn Văn An', 3, 1, 2, 20_000, 40_000]);
    expect(rows).toContainEqual([2, 'Trần Thị Bích', 2, 0, 2, 20_000, 40_000]);
    expect(rows).toContainEqual([null, 'Tổng cộng', 5, 1, 4, null, 80_000]);
    expect(rows).toContainEqual([null, 'Điều tra viên được trả cho số phiếu được tính: phiếu bị loại khi rà soát không được trả.']);
    const sheet = wb.getWorksheet('Tư pháp')!;
    expect(sheet.pageSetup.paperSize).toBe(9); // A4
  });

  it('has a sheet per unit for Home Affairs when no unit is named', async () => {
    const wb = await readWorkbook(await get(`${URL}/rosters.xlsx`, c.admin));
    expect(wb.worksheets).toHaveLength(index.bundle.campaign.units.length);
    expect(new Set(wb.worksheets.map((w) => w.name)).size).toBe(index.bundle.campaign.units.length);
  });
});

describe('who may have a roster (DESIGN §2: payment roster — coordinator own unit, Home Affairs all)', () => {
  it.each(['rosters.html', 'rosters.xlsx'])('%s: a coordinator gets their own unit, named or not', async (file) => {
    for (const q of ['', '?unitId=so-tu-phap']) {
      const res = await get(`${URL}/${file}${q}`, c.coordTp);
      expect(res.statusCode, res.body).toBe(200);
      if (file === 'rosters.html') {
        expect(res.body.match(/<section>/g)).toHaveLength(1);
        expect(res.body).toContain('Nguyễn Thị Hoa');
        expect(res.body).not.toContain('Hoàng Yến');
      } else {
        expect((await readWorkbook(res)).worksheets.map((w) => w.name)).toEqual(['Tư pháp']);
      }
    }
    const yt = await get(`${URL}/${file}`, c.coordYt);
    expect(yt.statusCode).toBe(200);
    if (file === 'rosters.html') expect(yt.body).toContain('Hoàng Yến');
  });

  it.each(['rosters.html', 'rosters.xlsx'])('%s: a coordinator asking for another unit is refused', async (file) => {
    for (const unit of ['so-y-te', 'so-khong-co']) {
      const res = await get(`${URL}/${file}?unitId=${unit}`, c.coordTp);
      expect(res.statusCode).toBe(403);
      expect(errorOf(res)).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/đơn vị khác/) });
      expect(res.body).not.toContain('Hoa');
    }
  });

  it.each(['rosters.html', 'rosters.xlsx'])(
    '%s: surveyors, council and unit staff are refused, anonymous asked to sign in',
    async (file) => {
      for (const who of ['surveyor', 'council', 'staff'] as const)
        expect((await get(`${URL}/${file}?unitId=so-tu-phap`, c[who])).statusCode).toBe(403);
      expect((await get(`${URL}/${file}?unitId=so-tu-phap`)).statusCode).toBe(401);
    },
  );

  it('an unknown unit is a 400 for Home Affairs', async () => {
    const res = await get(`${URL}/rosters.xlsx?unitId=so-khong-co`, c.admin);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toBe('Không có đơn vị "so-khong-co" trong kỳ đánh giá.');
  });
});

describe('a roster with no rate set (issue 15)', () => {
  it('says that rates are not set and where to set them, on the page and in the spreadsheet', async () => {
    await putSettingsJson(
      h.handle.db,
      CAMPAIGN,
      JSON.stringify({ payment: { respondentRate: 0, respondentRateByGroup: {}, surveyorRate: 0 } }),
      new Date().toISOString(),
      null,
    );
    await h.registry.reload();
    try {
      const html = (await get(`${URL}/rosters.html?unitId=so-tu-phap`, c.admin)).body;
      expect(html).toContain(
        '<p class="rate">Chưa đặt mức chi nên mọi số tiền là 0 đồng. Sở Nội vụ đặt mức chi tại Quản trị → Cài đặt trong kỳ → Mức chi (đồng mỗi phiếu).</p>',
      );
      expect(html).not.toContain('Mức chi: ');
      const wb = await readWorkbook(await get(`${URL}/rosters.xlsx?unitId=so-tu-phap`, c.admin));
      expect(sheetRows(wb, 'Tư pháp').some((r) => String(r[0] ?? '').startsWith('Chưa đặt mức chi nên mọi số tiền là 0 đồng.'))).toBe(true);
    } finally {
      await putSettingsJson(
        h.handle.db,
        CAMPAIGN,
        JSON.stringify({ payment: { respondentRate: 50_000, respondentRateByGroup: { 'so-cong-chuc-so': 30_000 }, surveyorRate: 20_000 } }),
        new Date().toISOString(),
        null,
      );
      await h.registry.reload();
    }
  });
});

describe('the pay rule (issue 15): a campaign that pays surveyors for every questionnaire received', () => {
  it('pays the excluded questionnaire too, and says so on the page and in the spreadsheet', async () => {
    const rates = { respondentRate: 50_000, respondentRateByGroup: { 'so-cong-chuc-so': 30_000 }, surveyorRate: 20_000 };
    await putSettingsJson(
      h.handle.db,
      CAMPAIGN,
      JSON.stringify({ payment: { ...rates, surveyorPaidFor: 'received' } }),
      new Date().toISOString(),
      null,
    );
    await h.registry.reload();
    try {
      const html = (await get(`${URL}/rosters.html?unitId=so-tu-phap`, c.admin)).body;
      const surveyors = html.slice(html.indexOf('class="surveyors-table"'));
      expect(surveyors).toContain(
        '<td>Nguyễn Văn An</td><td class="n">3</td><td class="n">1</td><td class="n">3</td><td class="n">20.000</td><td class="n">60.000</td>',
      );
      expect(surveyors).toContain(
        '<td colspan="2">Tổng cộng</td><td class="n">5</td><td class="n">1</td><td class="n">5</td><td></td><td class="n">100.000</td>',
      );
      expect(surveyors).toContain('Điều tra viên được trả cho mọi phiếu máy chủ nhận được, kể cả phiếu bị loại khi rà soát.');
      // The respondents' list does not change with the rule: an entry is not linked to any response.
      expect(html).toContain('Tổng cộng: 4 người</td><td class="n">180.000</td>');
      const rows = sheetRows(await readWorkbook(await get(`${URL}/rosters.xlsx?unitId=so-tu-phap`, c.admin)), 'Tư pháp');
      expect(rows.some((r) => r[1] === 'Nguyễn Văn An' && r[4] === 3 && r[6] === 60_000)).toBe(true);
    } finally {
      await putSettingsJson(h.handle.db, CAMPAIGN, JSON.stringify({ payment: rates }), new Date().toISOString(), null);
      await h.registry.reload();
    }
  });
});
