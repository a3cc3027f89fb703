import * as migration_20261203_140026_initial from './20261203_140026_initial';
import * as migration_20261205_022945_content_changes from './20261205_022945_content_changes';

export const migrations = [
  {
    up: migration_20261203_140026_initial.up,
    down: migration_20261203_140026_initial.down,
    name: '20261203_140026_initial',
  },
  {
    up: migration_20261205_022945_content_changes.up,
    down: migration_20261205_022945_content_changes.down,
    name: '20261205_022945_content_changes'
  },
];
