const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;

/** Email addresses never reach a log line, whatever message carried them (an SMTP error, say). */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]');
}
