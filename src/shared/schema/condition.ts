import { z } from 'zod';

/** A question code as written in a questionnaire, e.g. "Q1" or "A2b". */
export const questionCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, 'Mã câu hỏi bắt đầu bằng chữ cái, ví dụ "Q1"');

export type ComparableValue = string | number | boolean;

/**
 * Skip logic as data: and/or/not over simple tests of earlier answers. Never evaluated as code.
 * For a multiple-choice question, `equals` means "this choice is selected" and `oneOf` means
 * "any of these choices is selected".
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { question: string; equals: ComparableValue }
  | { question: string; oneOf: ComparableValue[] }
  | { question: string; answered: boolean }
  | { question: string; gt?: number; gte?: number; lt?: number; lte?: number };

const comparable = z.union([z.string(), z.number(), z.boolean()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ question: questionCode, equals: comparable }),
    z.strictObject({ question: questionCode, oneOf: z.array(comparable).min(1) }),
    z.strictObject({ question: questionCode, answered: z.boolean() }),
    z
      .strictObject({
        question: questionCode,
        gt: z.number().optional(),
        gte: z.number().optional(),
        lt: z.number().optional(),
        lte: z.number().optional(),
      })
      .refine(
        (c) => c.gt !== undefined || c.gte !== undefined || c.lt !== undefined || c.lte !== undefined,
        'So sánh số cần ít nhất một trong gt, gte, lt, lte',
      ),
  ]),
);

/** Every question code a condition reads, in order of appearance. */
export function conditionQuestions(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionQuestions);
  if ('any' in condition) return condition.any.flatMap(conditionQuestions);
  if ('not' in condition) return conditionQuestions(condition.not);
  return [condition.question];
}
