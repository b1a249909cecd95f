import type { Catalogue, Problem } from '../problems/problem';
import { problemNote } from '../problems/problem';
import { fieldTextIn } from '../problems/field-text';
import { fillTemplate, type TemplateParams as Params } from '../problems/template';
import type { SheetTextKey } from './sheet-text-vi';

/**
 * What the account import says, as data: one of its own texts, a problem of the catalogue (the account's unit rule),
 * or a shared schema's message about a field. sheetSaidText puts it in words.
 */
export type SheetSaid = { key: SheetTextKey; params?: Params } | { problem: Problem } | { field: string };

export const said = (key: SheetTextKey, params?: Params): SheetSaid => (params ? { key, params } : { key });

/** A SheetSaid in the words of a catalogue, without a closing full stop where it stands in a list. */
export function sheetSaidText(catalogue: Catalogue, s: SheetSaid): string {
  if ('problem' in s) return problemNote(catalogue, s.problem);
  if ('field' in s) return fieldTextIn(catalogue.fields, s.field);
  return fillTemplate(catalogue.sheet[s.key], s.params);
}
