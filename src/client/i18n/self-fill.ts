import { useMemo } from 'react';
import { addMessages, translate } from './i18n';
import { useScreenI18n } from './screens';
import type { MessageKey } from './vi';
import type { ScreenKey } from './vi-screens';
import { viSelfFill, type SelfFillKey } from './vi-self-fill';

// In the catalogue as soon as this chunk is loaded, before the screen that uses them is drawn.
addMessages('vi', viSelfFill);

/** useScreenI18n for the self-fill codes screen: `t` knows its strings too, which come with it alone. */
export function useSelfFillI18n() {
  const i18n = useScreenI18n();
  return useMemo(
    () => ({
      ...i18n,
      t: (key: MessageKey | ScreenKey | SelfFillKey, params?: Record<string, string | number>) => translate(i18n.lang, key, params),
    }),
    [i18n],
  );
}
