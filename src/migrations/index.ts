import * as migration_20261124_232338_initial from './20261124_232338_initial';

export const migrations = [
  {
    up: migration_20261124_232338_initial.up,
    down: migration_20261124_232338_initial.down,
    name: '20261124_232338_initial'
  },
];
