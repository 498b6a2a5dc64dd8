import { AppError } from '@emporium/kit';
import { manualProvider } from './manual.ts';
import type { Provider } from './provider.ts';
import { testCardProvider } from './test-card.ts';

export const PROVIDER_NAMES = ['test_card', 'manual', 'stripe'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export type Providers = Partial<Record<ProviderName, Provider>>;

/** The providers that need no account anywhere; stripe joins them when it is configured (app.ts). */
export const builtInProviders = (options: { testCard: boolean; clock?: () => Date }): Providers => ({
  ...(options.testCard ? { test_card: testCardProvider(options.clock) } : {}),
  manual: manualProvider,
});

export function providerOf(providers: Providers, name: ProviderName): Provider {
  const provider = providers[name];
  if (!provider) throw new AppError('PAYMENT.PROVIDER_UNAVAILABLE', 422, `Payments by ${name} are not enabled in this shop`, { provider: name });
  return provider;
}
