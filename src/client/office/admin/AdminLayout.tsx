import { NavLink, Outlet } from 'react-router-dom';
import { useAdminText } from './text';

/** The administration screens under one heading, with their own tabs. */
export function AdminLayout() {
  const { t } = useAdminText();
  const tabs: [string, string][] = [
    ['/admin', t('tab.campaign')],
    ['/admin/accounts', t('tab.accounts')],
    ['/admin/assignments', t('tab.assignments')],
    ['/admin/council', t('tab.council')],
    ['/admin/audit', t('tab.audit')],
  ];
  return (
    <>
      <nav aria-label={t('tabs.label')} className="office-nav admin-tabs">
        {tabs.map(([to, label]) => (
          <NavLink key={to} to={to} end={to === '/admin'}>
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
