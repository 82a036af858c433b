/**
 * E-mail over SMTP (nodemailer), configured from the environment. Without OKR_SMTP_HOST the
 * mailer is off: it says so once in the log and sends nothing (notifications stay in the app).
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  readonly enabled: boolean;
  /** Sends one message; throws when the server refuses it. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Reads OKR_SMTP_*; null (mail off) when OKR_SMTP_HOST is not set. Throws on a bad port. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const host = env.OKR_SMTP_HOST?.trim();
  if (!host) return null;
  const secure = /^(1|true|yes)$/i.test(env.OKR_SMTP_SECURE ?? '');
  const port = env.OKR_SMTP_PORT ? Number(env.OKR_SMTP_PORT) : secure ? 465 : 587;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`OKR_SMTP_PORT must be a port number, not "${env.OKR_SMTP_PORT ?? ''}"`);
  }
  return {
    host,
    port,
    secure,
    user: env.OKR_SMTP_USER || undefined,
    password: env.OKR_SMTP_PASSWORD || undefined,
    from: env.OKR_SMTP_FROM || `OKR Wizard <okr-wizard@${host}>`,
  };
}

/** The web app's address for links in e-mails (OKR_PUBLIC_URL, else the server's own). */
export function publicUrlFromEnv(fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env.OKR_PUBLIC_URL?.trim() || fallback).replace(/\/+$/, '');
}

export const MAIL_OFF_LOG_LINE =
  'E-mail is off: set OKR_SMTP_HOST (and OKR_SMTP_PORT, OKR_SMTP_USER, OKR_SMTP_PASSWORD, OKR_SMTP_FROM) to send notifications by e-mail.';

export function createMailer(
  config: MailConfig | null,
  log: (line: string) => void = () => {},
): Mailer {
  if (!config) {
    log(MAIL_OFF_LOG_LINE);
    return {
      enabled: false,
      send: () => Promise.reject(new Error('e-mail is not configured')),
      close: () => {},
    };
  }
  const transport: Transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    // Plain SMTP on loopback (tests, a local relay) must not insist on STARTTLS.
    ...(config.secure
      ? {}
      : { ignoreTLS: config.host === '127.0.0.1' || config.host === 'localhost' }),
  });
  log(`E-mail goes over SMTP to ${config.host}:${config.port} from ${config.from}.`);
  return {
    enabled: true,
    async send(message) {
      await transport.sendMail({ from: config.from, ...message });
    },
    close: () => transport.close(),
  };
}

/** Escapes text for the HTML part of an e-mail. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
