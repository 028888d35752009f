import { describe, expect, it, vi } from 'vitest';
import { defaultStatusMapping } from '../../../shared/common/config';
import { AppError } from '../../../shared/common/errors';
import { createDispatcher, type Handlers } from '../../../electron/transport/dispatcher';
import { memoryAppCore, ONPREM_DRAFT } from '../../helpers/app-core';

describe('dispatcher', () => {
  it('runs a valid call and returns the validated output', async () => {
    const core = await memoryAppCore();
    const result = await core.dispatcher.dispatch('app.info', {});
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'DeskBridge', mode: 'headless', demo: false }),
    });
  });

  it('settings.set changes only the settings it is given (defaults never overwrite the others)', async () => {
    const core = await memoryAppCore({ ui: { webhookPort: 0 } });
    await core.dispatcher.dispatch('settings.set', { logRetentionDays: 14, logMaxRows: 5000 });
    const result = await core.dispatcher.dispatch('settings.set', { language: 'zh-CN' });
    expect(result).toEqual({
      ok: true,
      value: { language: 'zh-CN', webhookPort: 0, logRetentionDays: 14, logMaxRows: 5000 },
    });
    await core.close();
  });

  it('treats a missing input as an empty object', async () => {
    const core = await memoryAppCore();
    expect((await core.dispatcher.dispatch('integrations.list', undefined)).ok).toBe(true);
  });

  it('rejects an unknown method by name', async () => {
    const core = await memoryAppCore();
    expect(await core.dispatcher.dispatch('integrations.drop', {})).toEqual({
      ok: false,
      error: { code: 'contract.unknown_method', message: 'Unknown method "integrations.drop".' },
    });
    // Prototype keys are not methods either.
    expect(await core.dispatcher.dispatch('toString', {})).toMatchObject({
      ok: false,
      error: { code: 'contract.unknown_method' },
    });
  });

  it('rejects invalid input naming the field, without calling the handler', async () => {
    const core = await memoryAppCore();
    const result = await core.dispatcher.dispatch('integrations.get', { id: '../../etc' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'contract.invalid_input', details: { issues: [{ path: 'id' }] } },
    });
    expect(!result.ok && result.error.message).toMatch(/^Invalid input for integrations.get: id: /);
    const extra = await core.dispatcher.dispatch('app.info', { surprise: 1 });
    expect(extra).toMatchObject({ ok: false, error: { code: 'contract.invalid_input' } });
  });

  it.each([
    { side: 'sdp', id: '../setup/technicians' },
    { side: 'flashduty', id: '12345' },
  ])('refuses a dry run of $side "$id", which is not an ID of that side', async ({ side, id }) => {
    const core = await memoryAppCore();
    const result = await core.dispatcher.dispatch('sync.dryRun', { integrationId: 'abc', side, id });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'contract.invalid_input', details: { issues: [{ path: 'id' }] } },
    });
  });

  it('maps an AppError from a handler to its code, message and details', async () => {
    const core = await memoryAppCore();
    expect(await core.dispatcher.dispatch('integrations.get', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('"nope"') },
    });
  });

  it('hides unexpected errors behind "internal" and reports them to the app log', async () => {
    const onInternalError = vi.fn();
    const boom = new Error('database file /secret/path is locked');
    const handlers = {
      'app.info': async () => {
        throw boom;
      },
    } as unknown as Handlers;
    const result = await createDispatcher(handlers, { onInternalError }).dispatch('app.info', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.not.stringContaining('/secret/path') },
    });
    expect(onInternalError).toHaveBeenCalledWith('app.info', boom);
  });

  it('refuses to return output that breaks the contract', async () => {
    const onInternalError = vi.fn();
    const handlers = { 'app.info': async () => ({ name: 'Other', version: 1 }) } as unknown as Handlers;
    const result = await createDispatcher(handlers, { onInternalError }).dispatch('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'contract.invalid_output' } });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('keeps AppError details intact', async () => {
    const handlers = {
      'engine.status': async () => {
        throw new AppError('sdp.auth', 'API key rejected', { details: { httpStatus: 401 } });
      },
    } as unknown as Handlers;
    expect(await createDispatcher(handlers).dispatch('engine.status', {})).toEqual({
      ok: false,
      error: { code: 'sdp.auth', message: 'API key rejected', details: { httpStatus: 401 } },
    });
  });
});

describe('integrations and engine through the contract', () => {
  it('saves, lists, gets, replaces and deletes an integration', async () => {
    const core = await memoryAppCore();
    const saved = await core.dispatcher.dispatch('integrations.save', { config: ONPREM_DRAFT });
    expect(saved.ok).toBe(true);
    const config = (saved as { value: { id: string; createdAt: number; statusMapping: unknown } }).value;
    expect(config.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    // The draft named no status tables, so the seed's defaults were stored.
    expect(config.statusMapping).toEqual(defaultStatusMapping());

    const list = await core.dispatcher.dispatch('integrations.list', {});
    // No secrets are stored yet, so the new integration waits for its credentials.
    expect(list).toMatchObject({
      ok: true,
      value: [
        {
          id: config.id,
          name: 'Ops on-prem',
          platform: 'onprem',
          direction: 'to_sdp',
          state: 'needs_attention',
          lastError: {
            code: 'error',
            params: { code: 'vault.unavailable', english: expect.stringContaining('keychain') },
          },
        },
      ],
    });

    const renamed = await core.dispatcher.dispatch('integrations.save', { config: { ...config, name: 'Renamed' } });
    expect(renamed).toMatchObject({ ok: true, value: { id: config.id, name: 'Renamed', createdAt: config.createdAt } });
    expect(core.settings.integrations()).toHaveLength(1);

    expect(await core.dispatcher.dispatch('integrations.delete', { id: config.id })).toEqual({
      ok: true,
      value: { deleted: true },
    });
    expect(await core.dispatcher.dispatch('integrations.delete', { id: config.id })).toEqual({
      ok: true,
      value: { deleted: false },
    });
    expect(await core.dispatcher.dispatch('integrations.list', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses to save over an integration that does not exist', async () => {
    const core = await memoryAppCore();
    expect(
      await core.dispatcher.dispatch('integrations.save', { config: { ...ONPREM_DRAFT, id: 'ghost' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('names every bad field of a draft', async () => {
    const core = await memoryAppCore();
    const result = await core.dispatcher.dispatch('integrations.save', {
      config: { name: '', sdp: { platform: 'onprem', endpoint: 'ftp://x' }, direction: 'sideways' },
    });
    expect(result.ok).toBe(false);
    const paths = (!result.ok && (result.error.details?.issues as { path: string }[]).map((i) => i.path)) || [];
    expect(paths).toEqual(expect.arrayContaining(['config.name', 'config.sdp.endpoint', 'config.direction']));
  });

  it('keeps entries it cannot read in the settings file untouched', async () => {
    const broken = { id: 'old', name: 'From a future version', sdp: { platform: 'martian' } };
    const core = await memoryAppCore({ integrations: [broken] });
    expect(core.settings.problems()).toEqual([{ index: 0, message: expect.stringContaining('sdp') }]);
    await core.dispatcher.dispatch('integrations.save', { config: ONPREM_DRAFT });
    expect((core.backend.store.integrations as unknown[])[0]).toEqual(broken);
    expect(core.settings.integrations()).toHaveLength(1);
  });

  it('pauses and resumes all or one, publishing engine.status each time', async () => {
    const core = await memoryAppCore();
    const saved = await core.dispatcher.dispatch('integrations.save', { config: ONPREM_DRAFT });
    const id = (saved as { value: { id: string } }).value.id;
    const published: unknown[] = [];
    core.bus.onAny((event, payload) => event === 'engine.status' && published.push(payload));

    expect(await core.dispatcher.dispatch('engine.pause', { integrationId: id })).toMatchObject({
      ok: true,
      value: { paused: false, integrations: [{ id, state: 'paused' }] },
    });
    expect(await core.dispatcher.dispatch('engine.resume', { integrationId: id })).toMatchObject({
      ok: true,
      value: { integrations: [{ id, state: 'needs_attention' }] },
    });
    expect(await core.dispatcher.dispatch('engine.pause', {})).toMatchObject({
      ok: true,
      value: { paused: true, integrations: [{ state: 'paused' }] },
    });
    expect(await core.dispatcher.dispatch('engine.resume', {})).toMatchObject({ ok: true, value: { paused: false } });
    expect(published.length).toBeGreaterThanOrEqual(4);
  });
});
