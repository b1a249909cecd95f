import { useState, type FormEvent } from 'react';
import type { AuditLogEntry } from '../../../shared/api/admin';
import { Banner } from '../../ui/Banner';
import { useAuditPages } from '../queries/audit';
import { AUDIT_ACTIONS, AUDIT_PREFIXES, detailText, isAuditAction } from './audit';
import { useAdminText } from './text';

/** The audit log of administration, newest first, 50 at a time; by kind of action and by subject. */
export function AuditScreen() {
  const { t, officeT, dateTime } = useAdminText();
  const [action, setAction] = useState('');
  const [subjectText, setSubjectText] = useState('');
  const [subject, setSubject] = useState('');
  const query = useAuditPages(action, subject);
  const entries: AuditLogEntry[] = query.data?.pages.flatMap((p) => p.entries) ?? [];
  const applySubject = (e: FormEvent) => {
    e.preventDefault();
    setSubject(subjectText.trim());
  };
  const label = (a: string) => (isAuditAction(a) ? t(`audit.action.${a}`) : a);

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <form className="filters" onSubmit={applySubject}>
        <label>
          {t('audit.filter.action')}
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('filter.all')}</option>
            {AUDIT_PREFIXES.map((p) => (
              <option key={p} value={p}>
                {t(`audit.prefix.${p}`)}
              </option>
            ))}
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {label(a)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.filter.subject')}
          <input
            type="text"
            value={subjectText}
            maxLength={200}
            placeholder="account:dtv01"
            onChange={(e) => setSubjectText(e.target.value)}
          />
        </label>
        <button type="submit">{t('audit.filter.apply')}</button>
        {subject && (
          <button
            type="button"
            onClick={() => {
              setSubject('');
              setSubjectText('');
            }}
          >
            {t('audit.filter.clear')}
          </button>
        )}
      </form>
      {query.isPending ? (
        <p className="muted">{officeT('office.loading')}</p>
      ) : query.isError && entries.length === 0 ? (
        <Banner kind="error">
          {query.error.offline ? officeT('office.offline') : officeT('office.error', { message: query.error.message })}
        </Banner>
      ) : entries.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.subject')}</th>
                <th scope="col">{t('audit.col.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{dateTime(e.at)}</td>
                  <td title={e.actorUsername ?? undefined}>
                    {e.actorName ?? e.actorUsername ?? (e.actorId === null ? t('audit.actor.system') : t('audit.actor.removed'))}
                  </td>
                  <td>{label(e.action)}</td>
                  <td>
                    <button
                      type="button"
                      className="admin-link"
                      title={`${t('audit.subject.filter')} (${e.subject})`}
                      onClick={() => {
                        setSubjectText(e.subject);
                        setSubject(e.subject);
                      }}
                    >
                      {e.subjectName ?? e.subject}
                    </button>
                  </td>
                  <td>
                    <code className="admin-detail">{detailText(e.detail)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.isError && entries.length > 0 && (
        <Banner kind="error">{query.error.offline ? officeT('office.offline') : query.error.message}</Banner>
      )}
      {query.hasNextPage && (
        <p>
          <button type="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {t('audit.more')}
          </button>
        </p>
      )}
    </>
  );
}
