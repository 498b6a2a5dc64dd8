import { render, shopLink, type Rendered, type Shop } from './layout.ts';

export interface AccountTokenData {
  name: string;
  token: string;
}

export function verifyEmail(shop: Shop, data: AccountTokenData): Rendered {
  return render(shop, {
    subject: `Confirm your email address for ${shop.name}`,
    greeting: `Hello ${data.name},`,
    paragraphs: [`Please confirm that this is your email address, so that ${shop.name} can reach you about your orders.`],
    action: { label: 'Confirm my email address', url: shopLink(shop, `/verify-email?token=${encodeURIComponent(data.token)}`) },
    closing: ['The link works once and expires after 1 hour; you can ask for a new one from your account page.'],
  });
}

export function passwordReset(shop: Shop, data: AccountTokenData): Rendered {
  return render(shop, {
    subject: `Reset your ${shop.name} password`,
    greeting: `Hello ${data.name},`,
    paragraphs: ['Someone asked to reset the password of your account. If it was you, choose a new password here:'],
    action: { label: 'Choose a new password', url: shopLink(shop, `/reset-password?token=${encodeURIComponent(data.token)}`) },
    closing: [
      'The link works once and expires after 1 hour. Setting a new password signs you out everywhere.',
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ],
  });
}
