import * as migration_20261203_140026_initial from './20261203_140026_initial';
import * as migration_20261205_022945_content_changes from './20261205_022945_content_changes';
import * as migration_20261205_101115_users_name_required from './20261205_101115_users_name_required';
import * as migration_20261205_102217_last_edited_by from './20261205_102217_last_edited_by';
import * as migration_20261205_130410_workflow_schedules from './20261205_130410_workflow_schedules';
import * as migration_20261206_023031_webhooks_redirects_notifications from './20261206_023031_webhooks_redirects_notifications';
import * as migration_20261206_171513_topics_languages_writers from './20261206_171513_topics_languages_writers';
import * as migration_20261206_173702_search_index from './20261206_173702_search_index';

export const migrations = [
  {
    up: migration_20261203_140026_initial.up,
    down: migration_20261203_140026_initial.down,
    name: '20261203_140026_initial',
  },
  {
    up: migration_20261205_022945_content_changes.up,
    down: migration_20261205_022945_content_changes.down,
    name: '20261205_022945_content_changes',
  },
  {
    up: migration_20261205_101115_users_name_required.up,
    down: migration_20261205_101115_users_name_required.down,
    name: '20261205_101115_users_name_required',
  },
  {
    up: migration_20261205_102217_last_edited_by.up,
    down: migration_20261205_102217_last_edited_by.down,
    name: '20261205_102217_last_edited_by',
  },
  {
    up: migration_20261205_130410_workflow_schedules.up,
    down: migration_20261205_130410_workflow_schedules.down,
    name: '20261205_130410_workflow_schedules',
  },
  {
    up: migration_20261206_023031_webhooks_redirects_notifications.up,
    down: migration_20261206_023031_webhooks_redirects_notifications.down,
    name: '20261206_023031_webhooks_redirects_notifications',
  },
  {
    up: migration_20261206_171513_topics_languages_writers.up,
    down: migration_20261206_171513_topics_languages_writers.down,
    name: '20261206_171513_topics_languages_writers',
  },
  {
    up: migration_20261206_173702_search_index.up,
    down: migration_20261206_173702_search_index.down,
    name: '20261206_173702_search_index'
  },
];
