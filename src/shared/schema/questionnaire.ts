import { z } from 'zod';
import { coefficient, isoDate, schemaRef, slugId, text } from './common';
import { conditionQuestions, conditionSchema, questionCode, type Condition } from './condition';
import { dottedCode } from './framework';
import { isChoiceQuestion } from '../questionnaire/kinds';

export const choiceSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'Mã lựa chọn gồm chữ, số, "-" hoặc "_"'),
  label: text,
  coefficient: coefficient.optional().describe('Score of this choice, 0..1 (scored questions only)'),
  excluded: z.literal(true).optional().describe('"Không biết / Không trả lời": left out of numerator and denominator'),
});

export const questionScoringSchema = z.strictObject({
  subCriterion: dottedCode.describe('Code of the survey-scored sub-criterion fed'),
  weight: z.number().positive().default(1).describe('Weight among the questions of the same sub-criterion'),
});

const base = {
  code: questionCode,
  text,
  help: text.optional(),
  required: z.boolean().default(true).describe('Must be answered when visible; a question hidden by skip logic is never required'),
  visibleIf: conditionSchema.optional().describe('Shown only when this holds over earlier answers'),
};

const choices = z.array(choiceSchema).min(2, 'Cần ít nhất hai lựa chọn');

export const singleChoiceQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('single-choice'),
  choices,
  scoring: questionScoringSchema.optional(),
});

export const ratingQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('rating'),
  choices: choices.describe('The scale, best first'),
  scoring: questionScoringSchema.optional(),
});

export const yesNoQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('yes-no'),
  choices: choices.describe('Must contain the codes "yes" and "no"; others (e.g. "Không nhớ") may follow'),
  scoring: questionScoringSchema.optional(),
});

export const multipleChoiceQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('multiple-choice'),
  choices,
  minSelected: z.int().min(0).optional(),
  maxSelected: z.int().min(1).optional(),
});

export const numberQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
  unit: text.optional(),
});

export const shortTextQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('short-text'),
  maxLength: z.int().min(1).max(1000).default(200),
});

export const longTextQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('long-text'),
  maxLength: z.int().min(1).max(20_000).default(2000),
});

export const dateQuestionSchema = z.strictObject({
  ...base,
  kind: z.literal('date'),
  min: isoDate.optional(),
  max: isoDate.optional(),
});

export const questionSchema = z.discriminatedUnion('kind', [
  singleChoiceQuestionSchema,
  ratingQuestionSchema,
  yesNoQuestionSchema,
  multipleChoiceQuestionSchema,
  numberQuestionSchema,
  shortTextQuestionSchema,
  longTextQuestionSchema,
  dateQuestionSchema,
]);

export const sectionSchema = z.strictObject({
  id: slugId,
  title: text,
  description: text.optional(),
  questions: z.array(questionSchema).min(1),
});

export const questionnaireSchema = z
  .strictObject({
    ...schemaRef,
    id: slugId,
    version: z.int().min(1),
    title: text,
    groups: z.array(slugId).min(1).describe('Respondent groups this questionnaire serves'),
    intro: text,
    notice: text.optional().describe('E.g. the anonymity note printed under the title'),
    sampleNotice: text.optional().describe('Present when the content is modelled sample data'),
    sections: z.array(sectionSchema).min(1),
  })
  .superRefine(checkQuestionnaireStructure);

export type Choice = z.infer<typeof choiceSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionKind = Question['kind'];
export type ChoiceQuestion = Extract<Question, { choices: Choice[] }>;
export type ScoredQuestion = Extract<Question, { scoring?: unknown }>;
export type Section = z.infer<typeof sectionSchema>;
export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type QuestionnaireInput = z.input<typeof questionnaireSchema>;

type Ctx = z.RefinementCtx;

/** Cross-field rules a JSON shape cannot express: unique codes, skip logic over earlier questions, scoring maps. */
function checkQuestionnaireStructure(q: { sections: Section[] }, ctx: Ctx): void {
  const seen = new Map<string, Question>();
  const sectionIds = new Set<string>();
  q.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) {
      ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `Mã phần "${section.id}" bị trùng` });
    }
    sectionIds.add(section.id);
    section.questions.forEach((question, i) => {
      const path = ['sections', s, 'questions', i];
      if (seen.has(question.code)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'code'], message: `Mã câu hỏi "${question.code}" bị trùng` });
      }
      checkQuestion(question, path, ctx);
      if (question.visibleIf) checkCondition(question.visibleIf, seen, [...path, 'visibleIf'], ctx);
      seen.set(question.code, question);
    });
  });
}

function checkQuestion(question: Question, path: (string | number)[], ctx: Ctx): void {
  if (isChoiceQuestion(question)) {
    const codes = new Set<string>();
    question.choices.forEach((c, i) => {
      if (codes.has(c.code)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'choices', i, 'code'], message: `Mã lựa chọn "${c.code}" bị trùng` });
      }
      codes.add(c.code);
    });
    if (question.kind === 'yes-no' && !(codes.has('yes') && codes.has('no'))) {
      ctx.addIssue({ code: 'custom', path: [...path, 'choices'], message: 'Câu hỏi Có/Không cần hai lựa chọn mã "yes" và "no"' });
    }
    const scored = 'scoring' in question && question.scoring !== undefined;
    question.choices.forEach((c, i) => {
      const at = [...path, 'choices', i];
      if (c.coefficient !== undefined && c.excluded) {
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: 'Lựa chọn bị loại trừ (không biết) không có hệ số: bỏ "coefficient" hoặc "excluded"',
        });
      } else if (scored && c.coefficient === undefined && !c.excluded) {
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: 'Câu hỏi có chấm điểm: mỗi lựa chọn cần "coefficient" (0..1) hoặc "excluded": true',
        });
      } else if (!scored && c.coefficient !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: at,
          message: 'Hệ số không có tác dụng khi câu hỏi không có "scoring": thêm "scoring" hoặc bỏ "coefficient"',
        });
      }
    });
    if (scored && question.choices.every((c) => c.excluded)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'choices'], message: 'Câu hỏi có chấm điểm cần ít nhất một lựa chọn có hệ số' });
    }
    if (question.kind === 'multiple-choice') {
      const { minSelected = 0, maxSelected = question.choices.length } = question;
      if (minSelected > maxSelected || maxSelected > question.choices.length) {
        ctx.addIssue({ code: 'custom', path, message: 'Cần 0 ≤ minSelected ≤ maxSelected ≤ số lựa chọn' });
      }
    }
  }
  if ((question.kind === 'number' || question.kind === 'date') && question.min !== undefined && question.max !== undefined) {
    if (question.min > question.max) ctx.addIssue({ code: 'custom', path, message: '"min" phải nhỏ hơn hoặc bằng "max"' });
  }
}

function checkCondition(condition: Condition, earlier: Map<string, Question>, path: (string | number)[], ctx: Ctx): void {
  for (const code of conditionQuestions(condition)) {
    if (!earlier.has(code)) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `Điều kiện hiển thị dùng câu "${code}" không đứng trước câu này: chỉ được dựa vào câu hỏi phía trước`,
      });
    }
  }
  walk(condition);
  function walk(c: Condition): void {
    if ('all' in c) return c.all.forEach(walk);
    if ('any' in c) return c.any.forEach(walk);
    if ('not' in c) return walk(c.not);
    const target = earlier.get(c.question);
    if (!target) return;
    const values = 'equals' in c ? [c.equals] : 'oneOf' in c ? c.oneOf : [];
    if (isChoiceQuestion(target)) {
      for (const v of values) {
        if (!target.choices.some((ch) => ch.code === v)) {
          ctx.addIssue({ code: 'custom', path, message: `Câu "${c.question}" không có lựa chọn mã "${String(v)}"` });
        }
      }
    }
    const compares = 'gt' in c || 'gte' in c || 'lt' in c || 'lte' in c;
    if (compares && target.kind !== 'number') {
      ctx.addIssue({ code: 'custom', path, message: `So sánh số chỉ dùng được với câu hỏi dạng số; "${c.question}" là "${target.kind}"` });
    }
  }
}
