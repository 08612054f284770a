import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SmtpConfig } from './smtp-config.js';

/** A pooled nodemailer SMTP transport for a config (shared by customer email and operator alerts). */
export function createSmtpTransport(config: SmtpConfig): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    tls: { rejectUnauthorized: config.tlsRejectUnauthorized },
    ...(config.auth ? { auth: config.auth } : {}),
    // A few reused connections: sending is bursty (one milestone can fan out) and a handshake per message
    // (TLS + AUTH) costs more than the message itself.
    pool: true,
    maxConnections: 4,
    // Fail a dead server in seconds, not the 2-minute defaults: the activity retries with backoff anyway.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
