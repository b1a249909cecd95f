import { Banner } from '../../ui/Banner';
import type { ApiError } from '../api';
import { issueFor, issuePath } from './http';
import { useAdminText } from './text';

/**
 * The server's refusal of a change: its message, or "offline" when it could not be reached. A refusal of fields
 * says so and lists only the issues that no field of the form shows (`shown`: the paths the form's FieldErrors show).
 */
export function MutationError({ error, shown = [] }: { error: ApiError | null; shown?: string[] }) {
  const { t, officeT } = useAdminText();
  if (!error) return null;
  if (error.offline) return <Banner kind="error">{officeT('office.offline')}</Banner>;
  const issues = error.issues ?? [];
  if (issues.length === 0) return <Banner kind="error">{error.message}</Banner>;
  const rest = issues.filter((i) => !shown.some((s) => issuePath(i.path) === s));
  return (
    <Banner kind="error">
      {t('error.fields')}
      {rest.length > 0 && (
        <ul>
          {rest.map((i) => (
            <li key={i.path}>{i.message}</li>
          ))}
        </ul>
      )}
    </Banner>
  );
}

/** The server's message for one field, shown under it. */
export function FieldError({ error, field, id }: { error: ApiError | null; field: string; id?: string }) {
  const message = issueFor(error, field);
  return message ? (
    <p className="admin-field-error" id={id}>
      {message}
    </p>
  ) : null;
}
