import type { Command } from 'commander';
import { registerReparseCommand } from './reparse';
import { registerSearchCommands } from './search';
import { registerSafetyCommands } from './safety';
import { registerTaskCommands } from './tasks';
import { registerGraphCommands } from './graph';

/** Each feature registers its commands in its own file and adds one line here. */
export const COMMAND_MODULES: ((program: Command) => void)[] = [
  registerGraphCommands,
  registerSearchCommands,
  registerReparseCommand,
  registerTaskCommands,
  registerSafetyCommands,
];
