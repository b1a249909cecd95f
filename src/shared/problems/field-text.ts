import { FIELD_TEXT_VI, type FieldTextKey } from './field-text-vi';
import { fillTemplate as fill, type TemplateParams as Params } from './template';

/** Every message fieldText has given, with its key and parameters: how a schema's words are found again in another language. */
const given = new Map<string, { key: FieldTextKey; params?: Params }>();

/**
 * A shared schema's message about a field, in Vietnamese (the language the schemas speak), remembered so that
 * fieldTextIn can say it in another language: schemas carry words, so this is how they carry a code too.
 */
export function fieldText(key: FieldTextKey, params?: Params): string {
  const text = fill(FIELD_TEXT_VI[key], params);
  given.set(text, params ? { key, params } : { key });
  return text;
}

/** A schema's message in the words of `texts` (FIELD_TEXT_EN, FIELD_TEXT_VI) when fieldText gave it; any other message as it is. */
export function fieldTextIn(texts: Readonly<Record<FieldTextKey, string>>, message: string): string {
  const found = given.get(message);
  return found ? fill(texts[found.key], found.params) : message;
}
