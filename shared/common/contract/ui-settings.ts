import { z } from 'zod';

/** App-wide preferences (Settings), apart from any integration. */
const uiSettingsFields = {
  language: z.enum(['system', 'en', 'zh-CN']),
  /**
   * The app's webhook port. ngrok and relay routes, and direct routes without a port of their own,
   * are served on it (on loopback, or on the direct route's own address).
   */
  webhookPort: z.number().int().min(0).max(65535),
  /** Sync log retention: entries older than this many days are deleted… */
  logRetentionDays: z.number().int().min(1).max(3650),
  /** …and at most this many (the newest) are kept, so a flood cannot fill the disk. */
  logMaxRows: z.number().int().min(1000).max(10_000_000),
};

export const uiSettingsSchema = z.object({
  language: uiSettingsFields.language.default('system'),
  webhookPort: uiSettingsFields.webhookPort.default(4781),
  logRetentionDays: uiSettingsFields.logRetentionDays.default(30),
  logMaxRows: uiSettingsFields.logMaxRows.default(200_000),
});
/** A change to some settings: no defaults here, or saving one setting would reset the others. */
export const uiSettingsPatchSchema = z.object(uiSettingsFields).partial().strict();
export type UiSettings = z.infer<typeof uiSettingsSchema>;
