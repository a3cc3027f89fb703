import * as migration_20261124_232000_initial from './20261124_232000_initial';

export const migrations = [
  {
    up: migration_20261124_232000_initial.up,
    down: migration_20261124_232000_initial.down,
    name: '20261124_232000_initial'
  },
];
