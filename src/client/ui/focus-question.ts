/**
 * Brings a question into view and puts the focus in it (its chosen or first choice, or its field), so the person
 * filling in sees at once what "Tiếp" refused, or what "Sửa" opened. Scrolled to the top of the screen: a long choice
 * list stays readable from its text down, and a fixed bottom bar never hides it. Questions carry `data-question`.
 */
export function focusQuestion(code: string): void {
  const box = Array.from(document.querySelectorAll<HTMLElement>('[data-question]')).find((el) => el.dataset.question === code);
  if (!box) return;
  box.scrollIntoView?.({ block: 'start' });
  const target = box.querySelector<HTMLElement>('input:checked') ?? box.querySelector<HTMLElement>('input, textarea, select');
  (target ?? box).focus({ preventScroll: true });
}
