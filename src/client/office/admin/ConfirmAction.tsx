import type { ComponentProps } from 'react';
import { ConfirmAction as Confirm } from '../../ui/ConfirmAction';
import { useAdminText } from './text';

/** The shared ask-before-acting button (ui/ConfirmAction.tsx), saying "cancel" in the office's words. */
export function ConfirmAction(props: Omit<ComponentProps<typeof Confirm>, 'cancelLabel'>) {
  const { t } = useAdminText();
  return <Confirm {...props} cancelLabel={t('confirm.cancel')} />;
}
