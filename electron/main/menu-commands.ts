/** The main → renderer menu message now lives in shared/api/menu.ts (the renderer imports it too). */
export { MENU_CHANNEL, MENU_COMMANDS, isJobId, isMenuCommand, type MenuCommand } from '../../shared/api/menu';
