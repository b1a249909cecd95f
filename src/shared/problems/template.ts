export type TemplateParams = Readonly<Record<string, string | number>>;

/**
 * A catalogue template with its parameters: "{name}" takes `show(name, value)` (by default the value as written); a
 * name without a value stays as it is, so a missing parameter shows instead of vanishing.
 */
export function fillTemplate(
  template: string,
  params: TemplateParams | undefined,
  show: (name: string, value: string | number) => string = (_name, value) => String(value),
): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const value = params?.[name];
    return value === undefined ? m : show(name, value);
  });
}
