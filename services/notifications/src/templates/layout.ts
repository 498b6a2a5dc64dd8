/** The shop as every message shows it. */
export interface Shop {
  name: string;
  /** Base URL of the web shop, without a trailing slash. */
  url: string;
}

/** What a template says, once; `render` turns it into the plain-text and the HTML part alike. */
export interface Email {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A two-column table: order lines, totals, tracking details. */
  rows?: Array<[string, string]>;
  /** Links listed under the table (one per product to review). */
  links?: Array<{ label: string; url: string }>;
  action?: { label: string; url: string };
  closing?: string[];
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export const shopLink = (shop: Shop, path: string) => `${shop.url.replace(/\/+$/, '')}${path}`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Everything that came from outside (names, notes, carriers) goes through this in the HTML part. */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function render(shop: Shop, email: Email): Rendered {
  return { subject: email.subject, text: renderText(shop, email), html: renderHtml(shop, email) };
}

function renderText(shop: Shop, email: Email): string {
  const width = Math.max(0, ...(email.rows ?? []).map(([label]) => label.length));
  const blocks = [
    email.greeting,
    ...email.paragraphs,
    ...(email.rows?.length ? [email.rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')] : []),
    ...(email.links?.length ? [email.links.map((l) => `${l.label}: ${l.url}`).join('\n')] : []),
    ...(email.action ? [`${email.action.label}: ${email.action.url}`] : []),
    ...(email.closing ?? []),
    `-- \n${shop.name}\n${shop.url}`,
  ];
  return `${blocks.join('\n\n')}\n`;
}

// Inline styles only and tables for layout: many mail clients drop <style> blocks and ignore flexbox.
const FONT = 'font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222';
const paragraph = (text: string) => `<p style="margin:0 0 16px 0">${escapeHtml(text)}</p>`;
const link = (label: string, url: string) => `<a href="${escapeHtml(url)}" style="color:#1a56db">${escapeHtml(label)}</a>`;

function renderHtml(shop: Shop, email: Email): string {
  const rows = email.rows?.length
    ? `<table role="presentation" cellpadding="6" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px 0;width:100%">${email.rows
        .map(([label, value]) => `<tr><td style="border-bottom:1px solid #eeeeee">${escapeHtml(label)}</td><td style="border-bottom:1px solid #eeeeee;text-align:right">${escapeHtml(value)}</td></tr>`)
        .join('')}</table>`
    : '';
  const links = email.links?.length ? `<ul style="margin:0 0 16px 0;padding-left:20px">${email.links.map((l) => `<li>${link(l.label, l.url)}</li>`).join('')}</ul>` : '';
  const action = email.action
    ? `<p style="margin:0 0 16px 0"><a href="${escapeHtml(email.action.url)}" style="display:inline-block;padding:10px 18px;background:#1a56db;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(email.action.label)}</a></p>` +
      paragraph(`Or open this link: ${email.action.url}`)
    : '';
  const body = [paragraph(email.greeting), ...email.paragraphs.map(paragraph), rows, links, action, ...(email.closing ?? []).map(paragraph)].join('');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(email.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f5">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px">
<tr><td style="padding:20px 24px;border-bottom:1px solid #eeeeee;${FONT};font-size:20px;font-weight:bold">${link(shop.name, shop.url)}</td></tr>
<tr><td style="padding:24px;${FONT}">${body}</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #eeeeee;${FONT};font-size:12px;color:#666666">${escapeHtml(shop.name)} &middot; ${link(shop.url, shop.url)}</td></tr>
</table></td></tr></table>
</body></html>
`;
}
