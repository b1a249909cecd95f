import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { root } from './server';

/** The parts of a questionnaire file the UI driver needs (the test reads the same file the server loaded). */
export interface QuestionnaireFile {
  id: string;
  version: number;
  title: string;
  sections: {
    id: string;
    title: string;
    questions: { code: string; kind: string; text: string; required?: boolean; choices?: { code: string; label: string }[] }[];
  }[];
}

type QuestionDef = QuestionnaireFile['sections'][number]['questions'][number];

/**
 * The newest version of questionnaire `id` in the campaign folder: the one a surveyor's device starts new responses
 * on (a new wording is a new file with the same id and the next version, e.g. phieu-03-s.v2.json).
 */
export function readQuestionnaire(campaign: string, id: string): QuestionnaireFile {
  const dir = path.join(root, 'survey-definitions', campaign, 'questionnaires');
  const versions = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as QuestionnaireFile)
    .filter((q) => q.id === id)
    .sort((a, b) => b.version - a.version);
  if (!versions[0]) throw new Error(`${campaign} has no questionnaire ${id}`);
  return versions[0];
}

/**
 * One response as a surveyor enters it. `answers` are typed in order, section by section: for a choice question
 * the choice label as shown, otherwise the text typed. A code given twice is an answer changed. `hidden` are the
 * questions skip logic must hide by the time their section is left (and that must not reach the review or the server).
 */
export interface ResponsePlan {
  mode?: 'Phỏng vấn trực tiếp' | 'Người trả lời tự điền';
  answers: [code: string, value: string][];
  hidden: string[];
  roster?: { name: string; organisation?: string; phone?: string };
}

function question(q: QuestionnaireFile, code: string): QuestionDef {
  for (const s of q.sections) {
    const found = s.questions.find((x) => x.code === code);
    if (found) return found;
  }
  throw new Error(`${q.id} has no question ${code}`);
}

const isChoice = (def: QuestionDef) => Array.isArray(def.choices);

/** The answers the server must hold for a plan: last value per code, choice labels as codes, hidden ones dropped. */
export function expectedAnswers(q: QuestionnaireFile, plan: ResponsePlan): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [code, value] of plan.answers) {
    const def = question(q, code);
    if (isChoice(def)) {
      const choice = def.choices?.find((c) => c.label === value);
      if (!choice) throw new Error(`${code} has no choice labelled "${value}"`);
      out[code] = choice.code;
    } else out[code] = def.kind === 'number' ? Number(value) : value;
  }
  for (const code of plan.hidden) delete out[code];
  return out;
}

/** The text the review page shows for an answer. */
function reviewText(q: QuestionnaireFile, code: string, value: string | number): string {
  const def = question(q, code);
  return isChoice(def) ? (def.choices?.find((c) => c.code === value)?.label ?? String(value)) : String(value);
}

/**
 * From the home screen: "Thu phiếu mới" on the cell, "Bắt đầu", every section with "Tiếp", "Xem lại", checks the
 * review, "Hoàn thành phiếu", then the payment roster ("Bỏ qua" or a name). Ends back on the home screen and returns
 * the response id (from the /fill/:id address).
 */
export async function fillResponse(page: Page, q: QuestionnaireFile, cell: { groupName: string }, plan: ResponsePlan): Promise<string> {
  await page.locator('article.card').filter({ hasText: cell.groupName }).getByRole('link', { name: 'Thu phiếu mới' }).click();
  await page.getByRole('heading', { name: 'Phiếu mới' }).waitFor();
  if (plan.mode) await page.getByRole('radio', { name: plan.mode, exact: true }).check();
  await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
  await page.waitForURL(/\/fill\/[0-9a-f-]{36}$/);
  const id = /\/fill\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!id) throw new Error(`no response id in ${page.url()}`);
  await page.getByRole('heading', { name: q.title }).waitFor();

  for (const [index, section] of q.sections.entries()) {
    await page.getByRole('heading', { level: 2, name: section.title }).waitFor();
    for (const [code, value] of plan.answers) {
      const def = section.questions.find((x) => x.code === code);
      if (!def) continue;
      if (isChoice(def)) {
        await page.getByRole('group', { name: def.text }).getByRole('radio', { name: value, exact: true }).check();
      } else {
        const input = page.getByLabel(def.text);
        await input.fill(value);
        await input.blur(); // commits at once (typing alone commits after a short pause)
      }
    }
    for (const code of plan.hidden) {
      const def = section.questions.find((x) => x.code === code);
      if (!def) continue;
      const shown = await page.getByRole('group', { name: def.text }).count();
      if (shown !== 0) throw new Error(`${code} should be hidden by skip logic but is shown`);
    }
    const last = index === q.sections.length - 1;
    await page.getByRole('button', { name: last ? 'Xem lại' : 'Tiếp', exact: true }).click();
  }

  await page.getByRole('heading', { level: 2, name: 'Xem lại trước khi hoàn thành' }).waitFor();
  const review = new Map(
    await page
      .locator('dl.review > div')
      .evaluateAll((divs) =>
        divs.map((d) => [d.querySelector('dt')?.textContent?.trim() ?? '', d.querySelector('dd')?.textContent?.trim() ?? ''] as const),
      ),
  );
  const expected = expectedAnswers(q, plan);
  for (const [code, value] of Object.entries(expected)) {
    const text = question(q, code).text;
    if (review.get(text) !== reviewText(q, code, value))
      throw new Error(`review shows "${review.get(text)}" for ${code}, expected "${reviewText(q, code, value)}"`);
  }
  for (const code of plan.hidden) {
    if (review.has(question(q, code).text)) throw new Error(`review lists ${code}, which skip logic hides`);
  }
  await page.getByRole('button', { name: 'Hoàn thành phiếu', exact: true }).click();

  await page.getByRole('heading', { name: 'Danh sách nhận tiền (không bắt buộc)' }).waitFor();
  await page.getByText('Đã lưu phiếu trên máy. Phiếu sẽ được gửi khi có mạng.').waitFor();
  if (plan.roster) {
    await page.getByLabel('Họ và tên người trả lời').fill(plan.roster.name);
    if (plan.roster.organisation) await page.getByLabel('Cơ quan hoặc địa chỉ').fill(plan.roster.organisation);
    if (plan.roster.phone) await page.getByLabel('Số điện thoại').fill(plan.roster.phone);
    await page.getByRole('button', { name: 'Lưu vào danh sách', exact: true }).click();
  } else {
    await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Phiếu của tôi' }).waitFor();
  return id;
}

/**
 * On the section of an open draft that is shown: gives those of `answers` that belong to it (section `sectionIndex`
 * of the questionnaire), in order, and stays on it. With `blur: false` typed text is left in its field: only the
 * input's short pause, or the field going away, saves it.
 */
export async function answerSection(
  page: Page,
  q: QuestionnaireFile,
  sectionIndex: number,
  answers: [code: string, value: string][],
  opts: { blur?: boolean } = {},
): Promise<void> {
  const section = q.sections[sectionIndex];
  if (!section) throw new Error(`${q.id} has no section ${sectionIndex}`);
  await page.getByRole('heading', { level: 2, name: section.title }).waitFor();
  for (const [code, value] of answers) {
    const def = section.questions.find((x) => x.code === code);
    if (!def) continue;
    if (isChoice(def)) {
      await page.getByRole('group', { name: def.text }).getByRole('radio', { name: value, exact: true }).check();
    } else {
      const input = page.getByLabel(def.text);
      await input.fill(value);
      if (opts.blur ?? true) await input.blur();
    }
  }
}

/** Throws unless the section shown has each of `answers` (those on it) selected or typed, as the surveyor left them. */
export async function expectSectionShows(
  page: Page,
  q: QuestionnaireFile,
  sectionIndex: number,
  answers: [code: string, value: string][],
): Promise<void> {
  const section = q.sections[sectionIndex];
  if (!section) throw new Error(`${q.id} has no section ${sectionIndex}`);
  await page.getByRole('heading', { level: 2, name: section.title }).waitFor();
  for (const [code, value] of answers) {
    const def = section.questions.find((x) => x.code === code);
    if (!def) continue;
    if (isChoice(def)) {
      const group = page.getByRole('group', { name: def.text });
      const checked = await group
        .getByRole('radio', { checked: true })
        .evaluateAll((inputs) => inputs.map((i) => i.closest('label')?.textContent?.trim() ?? ''));
      if (checked.length !== 1 || checked[0] !== value)
        throw new Error(`${code} shows ${JSON.stringify(checked)} selected, expected "${value}"`);
    } else {
      const shown = await page.getByLabel(def.text).inputValue();
      if (shown !== value) throw new Error(`${code} shows "${shown}", expected "${value}"`);
    }
  }
}

/**
 * From a draft open on its first section (/fill/:id): like `fillResponse` after "Bắt đầu": every section with
 * "Tiếp" (giving the plan's answers again is harmless), "Xem lại", checks the review, "Hoàn thành phiếu", the payment
 * roster. Ends on the home screen and returns the response id.
 */
export async function finishResponse(page: Page, q: QuestionnaireFile, plan: ResponsePlan): Promise<string> {
  const id = /\/fill\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!id) throw new Error(`no response id in ${page.url()}`);
  await page.getByRole('heading', { name: q.title }).waitFor();
  for (const [index, section] of q.sections.entries()) {
    await answerSection(page, q, index, plan.answers);
    for (const code of plan.hidden) {
      const def = section.questions.find((x) => x.code === code);
      if (def && (await page.getByRole('group', { name: def.text }).count()) !== 0)
        throw new Error(`${code} should be hidden by skip logic but is shown`);
    }
    await page.getByRole('button', { name: index === q.sections.length - 1 ? 'Xem lại' : 'Tiếp', exact: true }).click();
  }
  await page.getByRole('heading', { level: 2, name: 'Xem lại trước khi hoàn thành' }).waitFor();
  const review = new Map(
    await page
      .locator('dl.review > div')
      .evaluateAll((divs) =>
        divs.map((d) => [d.querySelector('dt')?.textContent?.trim() ?? '', d.querySelector('dd')?.textContent?.trim() ?? ''] as const),
      ),
  );
  for (const [code, value] of Object.entries(expectedAnswers(q, plan))) {
    const text = question(q, code).text;
    if (review.get(text) !== reviewText(q, code, value))
      throw new Error(`review shows "${review.get(text)}" for ${code}, expected "${reviewText(q, code, value)}"`);
  }
  for (const code of plan.hidden) if (review.has(question(q, code).text)) throw new Error(`review lists ${code}, which skip logic hides`);
  await page.getByRole('button', { name: 'Hoàn thành phiếu', exact: true }).click();
  await page.getByRole('heading', { name: 'Danh sách nhận tiền (không bắt buộc)' }).waitFor();
  if (plan.roster) {
    await page.getByLabel('Họ và tên người trả lời').fill(plan.roster.name);
    if (plan.roster.organisation) await page.getByLabel('Cơ quan hoặc địa chỉ').fill(plan.roster.organisation);
    if (plan.roster.phone) await page.getByLabel('Số điện thoại').fill(plan.roster.phone);
    await page.getByRole('button', { name: 'Lưu vào danh sách', exact: true }).click();
  } else {
    await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Phiếu của tôi' }).waitFor();
  return id;
}
