import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { EngineStatus } from '../shared/common/contract';
import type { Language } from '../renderer/src/i18n';
import { trayModel, type TrayAction, type TrayIcon, type TrayItem } from './tray-model';

export interface TrayController {
  update(status: EngineStatus, language: Language): void;
  destroy(): void;
}

function toMenu(items: TrayItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: toMenu(item.items, onAction) };
      case 'action':
        return { label: item.label, click: () => onAction(item.action) };
    }
  });
}

/**
 * Renders `trayModel`; nothing is decided here. Linux trays often ignore clicks, so everything is
 * reachable from the context menu.
 */
export function createTray(
  iconPath: (icon: TrayIcon) => string,
  onAction: (action: TrayAction) => void,
  onClick: () => void,
): TrayController {
  const tray = new Tray(nativeImage.createFromPath(iconPath('ok')));
  tray.on('click', onClick);
  let lastIcon: TrayIcon | undefined;
  return {
    update(status, language) {
      const model = trayModel(status, language);
      if (model.icon !== lastIcon) {
        tray.setImage(nativeImage.createFromPath(iconPath(model.icon)));
        lastIcon = model.icon;
      }
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(toMenu(model.items, onAction)));
    },
    destroy: () => tray.destroy(),
  };
}
