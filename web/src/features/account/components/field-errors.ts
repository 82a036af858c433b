/** The API's field messages ("is wrong", "must be at least 10 characters") as sentences beside a field. */
export function sentence(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const text = /^[a-z]/.test(message) ? `${label} ${message}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
