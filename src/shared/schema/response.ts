import { z } from 'zod';
import { isoDateTime, slugId } from './common';
import { questionCode } from './condition';
import { fieldText } from '../problems/field-text';

/** One answer: a choice code or text or date (string), a number, or the codes of a multiple choice. */
export const answerValueSchema = z.union([
  z.string().max(20_000, fieldText('answerTooLong')),
  z.number({ message: fieldText('finiteNumber') }).finite(fieldText('finiteNumber')),
  z.array(z.string().max(32)).max(100),
]);

export const MAX_ANSWERS = 500;

/** Answers by question code. The key count is checked before any key is parsed, so a huge object is cheap to refuse. */
export const answersSchema = z
  .custom<Record<string, unknown>>(
    (a) => typeof a !== 'object' || a === null || Array.isArray(a) || Object.keys(a).length <= MAX_ANSWERS,
    fieldText('tooManyAnswers', { max: MAX_ANSWERS }),
  )
  .pipe(z.record(questionCode, answerValueSchema));

export const responseModeSchema = z.enum(['interview', 'self-filled', 'paper']);

/** As stored: a device's modes, and `self-online`, filled by a respondent with a self-fill code (issue 19), never pushed. */
export const storedResponseModeSchema = z.enum([...responseModeSchema.options, 'self-online']);
export type StoredResponseMode = z.infer<typeof storedResponseModeSchema>;

/** A finalised response as a device uploads it (DESIGN §4 rule 8). The server adds its receive time. */
export const responseSchema = z
  .strictObject({
    id: z.uuid({ message: fieldText('responseId') }),
    campaignId: slugId,
    unitId: slugId,
    groupId: slugId,
    questionnaireId: slugId,
    questionnaireVersion: z.int().min(1),
    surveyorId: z.string().min(1).max(64),
    deviceId: z.string().min(1).max(64),
    startedAt: isoDateTime,
    finishedAt: isoDateTime,
    appVersion: z.string().min(1).max(32),
    mode: responseModeSchema,
    paperSerial: z.string().trim().min(1).max(32).optional(),
    answers: answersSchema,
  })
  .superRefine((r, ctx) => {
    if (r.mode === 'paper' && !r.paperSerial) {
      ctx.addIssue({ code: 'custom', path: ['paperSerial'], message: fieldText('paperSerialNeeded') });
    }
    if (r.mode !== 'paper' && r.paperSerial !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['paperSerial'], message: fieldText('paperSerialOnlyPaper') });
    }
    if (Date.parse(r.finishedAt) < Date.parse(r.startedAt)) {
      ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: fieldText('finishedBeforeStarted') });
    }
  });

export type AnswerValue = z.infer<typeof answerValueSchema>;
export type Answers = Record<string, AnswerValue>;
export type ResponseMode = z.infer<typeof responseModeSchema>;
export type SurveyResponse = z.infer<typeof responseSchema>;
