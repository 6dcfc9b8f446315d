import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { SsrfGuard } from '@app/common';
import type { SmtpEnv } from '@app/config';
import { templateSources } from '../engine/expression-evaluator';
import { emailAttachments } from './email-attachments';
import { guardedAddress } from './guarded-address';
import { NodeContext, NodeFailure, NodeResult, NodeType } from './node-type';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const SEND_TIMEOUT_MS = 30_000;
const TEXT_PARAMS = ['to', 'cc', 'bcc', 'subject', 'text', 'html'] as const;

interface EmailParams {
  credentialId?: string;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  text?: string;
  html?: string;
  attachments?: string;
}

interface SmtpCredential {
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
  from: string;
}

const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();
const addresses = (list: unknown[] = []) => list.map((a) => (typeof a === 'string' ? a : (a as { address: string }).address));

/**
 * Sends an email through an smtp credential (its host checked like http.request URLs) or, without one,
 * the platform's SMTP settings (SMTP_*). Outputs {messageId, accepted, rejected}.
 */
export class EmailSendNode implements NodeType {
  readonly type = 'email.send';
  readonly description =
    'Sends an email. to, cc, bcc (comma-separated addresses), subject, text and html are text with {{ expr }} placeholders; attachments is a JSONata expression giving stored file ids or references {fileId} (one or a list). Outputs {messageId, accepted, rejected}.';
  readonly paramsSchema = {
    type: 'object',
    required: ['to', 'subject'],
    additionalProperties: false,
    properties: {
      credentialId: {
        type: 'string',
        pattern: UUID,
        description: 'An smtp credential; without one the platform SMTP settings (SMTP_*) are used',
      },
      to: { type: 'string', minLength: 1, maxLength: 4096 },
      cc: { type: 'string', maxLength: 4096 },
      bcc: { type: 'string', maxLength: 4096 },
      subject: { type: 'string', minLength: 1, maxLength: 998 },
      text: { type: 'string', maxLength: 1_000_000, description: 'Plain-text body' },
      html: {
        type: 'string',
        maxLength: 1_000_000,
        description: 'HTML body (placeholder values are inserted as they are: escape user input in the expression)',
      },
      attachments: {
        type: 'string',
        description: 'JSONata expression giving stored file ids or webhook upload references {fileId}, one or a list',
      },
    },
  };
  readonly example = {
    to: '{{ trigger.body.email }}',
    subject: 'Order {{ trigger.body.id }} received',
    text: 'Hello {{ trigger.body.name }}, we received your order {{ trigger.body.id }}.',
    html: '<p>Hello {{ trigger.body.name }}, we received your order <b>{{ trigger.body.id }}</b>.</p>',
    attachments: 'trigger.body.invoice',
  };
  private readonly guard: SsrfGuard;
  private platformTransport?: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(
    allowList: string[],
    private readonly smtp: SmtpEnv,
  ) {
    this.guard = new SsrfGuard(allowList, 'workflows', 'HTTP_NODE_ALLOWED_HOSTS');
  }

  expressionsOf(params: Record<string, unknown>): string[] {
    const p = params as unknown as EmailParams;
    return [...TEXT_PARAMS.flatMap((name) => templateSources(p[name] ?? '')), ...(p.attachments ? [p.attachments] : [])];
  }

  credentialsOf(params: Record<string, unknown>) {
    const id = (params as unknown as EmailParams).credentialId;
    return id ? [{ credentialId: id, types: ['smtp'] }] : [];
  }

  paramsProblems(params: Record<string, unknown>): string[] {
    const p = params as unknown as EmailParams;
    return p.text === undefined && p.html === undefined ? ['params needs text or html (the body of the email)'] : [];
  }

  async run({ params, scope, expressions, signal, credentials, files }: NodeContext): Promise<NodeResult> {
    const p = params as unknown as EmailParams;
    const rendered: Partial<Record<(typeof TEXT_PARAMS)[number], string>> = {};
    await Promise.all(
      TEXT_PARAMS.filter((name) => p[name] !== undefined).map(
        async (name) => (rendered[name] = await expressions.template(p[name]!, scope)),
      ),
    );
    const to = oneLine(rendered.to ?? '');
    if (!to) throw new NodeFailure('params.to gave no address', true);
    const attachments = await emailAttachments(p.attachments ? await expressions.evaluate(p.attachments, scope) : undefined, files);
    const { transport, from, owned } = await this.transport(p.credentialId, credentials);
    // Only a transport of this run's own may be closed: the platform one is shared.
    const abort = () => owned && transport.close();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const info = await transport.sendMail({
        from,
        to,
        cc: rendered.cc ? oneLine(rendered.cc) : undefined,
        bcc: rendered.bcc ? oneLine(rendered.bcc) : undefined,
        subject: oneLine(rendered.subject ?? ''),
        text: rendered.text,
        html: rendered.html,
        attachments,
      });
      return { output: { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) } };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx SMTP answers (unknown mailbox, refused sender) do not change on retry.
      throw new NodeFailure(`email.send failed: ${(error as Error).message}`, code !== undefined && code >= 500);
    } finally {
      signal.removeEventListener('abort', abort);
      if (owned) transport.close();
    }
  }

  private async transport(credentialId: string | undefined, credentials: NodeContext['credentials']) {
    if (credentialId) {
      if (!credentials) throw new NodeFailure('credentials are not available in this process', true);
      const smtp = (await credentials.resolve(credentialId, ['smtp'])).data as unknown as SmtpCredential;
      const address = await guardedAddress(this.guard, smtp.host, 'email.send');
      const auth = smtp.username ? { user: smtp.username, pass: smtp.password ?? '' } : undefined;
      return { transport: await this.create(address, smtp.port, smtp.secure, auth, smtp.host), from: smtp.from, owned: true };
    }
    if (!this.smtp.SMTP_HOST) throw new NodeFailure('SMTP is not configured (set SMTP_HOST, or give params.credentialId)', true);
    const auth = this.smtp.SMTP_USER ? { user: this.smtp.SMTP_USER, pass: this.smtp.SMTP_PASSWORD ?? '' } : undefined;
    this.platformTransport ??= await this.create(this.smtp.SMTP_HOST, this.smtp.SMTP_PORT, this.smtp.SMTP_SECURE, auth);
    return { transport: this.platformTransport, from: this.smtp.SMTP_FROM, owned: false };
  }

  /** `servername`: the connection goes to the checked IP, while TLS still verifies the credential's host name. */
  private async create(host: string, port: number, secure: boolean, auth?: { user: string; pass: string }, servername?: string) {
    // nodemailer (~12 MB resident) loads with the first email: processes that send none never load it.
    const { createTransport } = await import('nodemailer');
    return createTransport({
      host,
      port,
      secure,
      auth,
      tls: servername ? { servername } : undefined,
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
      dnsTimeout: SEND_TIMEOUT_MS,
    });
  }
}
