import { uiSettingsSchema, type UiSettings } from '../../../shared/common/contract';
import type { HandlerContext, NamespaceHandlers } from './context';

export function settingsHandlers(ctx: HandlerContext): NamespaceHandlers<'settings'> & NamespaceHandlers<'app'> {
  const uiSettings = (): UiSettings => uiSettingsSchema.parse(ctx.settings.ui());
  return {
    'app.info': async () => ctx.info,
    'settings.get': async () => uiSettings(),
    'settings.set': async (patch) => {
      const next = uiSettingsSchema.parse({ ...uiSettings(), ...patch });
      ctx.settings.setUi(next);
      return next;
    },
  };
}
