// Invite mail (LINKWIRE_SMTP_URL). Without it no mail is sent and the invite's acceptUrl is handed
// over by whoever created it (the create response carries it either way, PRODUCT.md §9).
import nodemailer from 'nodemailer';

export interface InviteMail {
  to: string;
  workspace: string;
  role: string;
  acceptUrl: string;
}

export interface Mailer {
  sendInvite(mail: InviteMail): Promise<void>;
}

/** Mails through the SMTP server of `smtpUrl` (one connection per message: invites are rare). */
export function smtpMailer(smtpUrl: string, publicUrl: string): Mailer {
  const from = `Linkwire <no-reply@${new URL(publicUrl).hostname}>`;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async sendInvite(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: `You are invited to @${mail.workspace} on Linkwire`,
        text: `You have been invited to the Linkwire workspace @${mail.workspace} as ${mail.role}.\n\nAccept the invite (the link works once):\n${mail.acceptUrl}\n`,
      });
    },
  };
}
