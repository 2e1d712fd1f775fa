/**
 * Placeholder until the functions issue lands.
 * @customfunction
 * @param value A value
 * @returns The value as text
 */
export function echo(value: string): string {
  return value;
}
