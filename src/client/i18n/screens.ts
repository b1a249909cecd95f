import { useMemo } from 'react';
import { addMessages, translate, useI18n } from './i18n';
import type { MessageKey } from './vi';
import { viScreens, type ScreenKey } from './vi-screens';

// In the catalogue as soon as this chunk is loaded, before any screen that uses them is drawn.
addMessages('vi', viScreens);

/**
 * useI18n for the screens after the first (start, fill, roster, sign-out, the refused and storage panels, the update
 * prompt): `t` knows their strings too, which come with them instead of with the first screen (issue 14).
 */
export function useScreenI18n() {
  const i18n = useI18n();
  return useMemo(
    () => ({ ...i18n, t: (key: MessageKey | ScreenKey, params?: Record<string, string | number>) => translate(i18n.lang, key, params) }),
    [i18n],
  );
}
