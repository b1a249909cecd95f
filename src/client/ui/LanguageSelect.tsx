import { useI18n, type Lang } from '../i18n/i18n';

/** Tiếng Việt by default; English for visitors and reviewers. */
export function LanguageSelect() {
  const { t, lang, setLang } = useI18n();
  return (
    <label className="row" style={{ fontWeight: 400 }}>
      <span className="muted">{t('lang.label')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} style={{ width: 'auto' }}>
        <option value="vi">Tiếng Việt</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}
