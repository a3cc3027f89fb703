import * as migration_20261203_140026_initial from './20261203_140026_initial';

export const migrations = [
  {
    up: migration_20261203_140026_initial.up,
    down: migration_20261203_140026_initial.down,
    name: '20261203_140026_initial'
  },
];
