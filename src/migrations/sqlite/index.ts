import * as migration_20261124_232338_initial from './20261124_232338_initial';
import * as migration_20261124_234219_digest_credit_and_import_key from './20261124_234219_digest_credit_and_import_key';
import * as migration_20261125_001555_editorial_workflow from './20261125_001555_editorial_workflow';
import * as migration_20261125_002917_workflow_event_names from './20261125_002917_workflow_event_names';
import * as migration_20261125_005905_preview_links from './20261125_005905_preview_links';
import * as migration_20261125_015223_public_list_indexes from './20261125_015223_public_list_indexes';
import * as migration_20261203_140040_drop_unused_reset_column from './20261203_140040_drop_unused_reset_column';
import * as migration_20261205_022936_content_changes from './20261205_022936_content_changes';
import * as migration_20261205_101059_users_name_required from './20261205_101059_users_name_required';
import * as migration_20261205_102159_last_edited_by from './20261205_102159_last_edited_by';
import * as migration_20261205_130352_workflow_schedules from './20261205_130352_workflow_schedules';
import * as migration_20261206_023018_webhooks_redirects_notifications from './20261206_023018_webhooks_redirects_notifications';
import * as migration_20261206_171503_topics_languages_writers from './20261206_171503_topics_languages_writers';
import * as migration_20261206_173637_search_index from './20261206_173637_search_index';

export const migrations = [
  {
    up: migration_20261124_232338_initial.up,
    down: migration_20261124_232338_initial.down,
    name: '20261124_232338_initial',
  },
  {
    up: migration_20261124_234219_digest_credit_and_import_key.up,
    down: migration_20261124_234219_digest_credit_and_import_key.down,
    name: '20261124_234219_digest_credit_and_import_key',
  },
  {
    up: migration_20261125_001555_editorial_workflow.up,
    down: migration_20261125_001555_editorial_workflow.down,
    name: '20261125_001555_editorial_workflow',
  },
  {
    up: migration_20261125_002917_workflow_event_names.up,
    down: migration_20261125_002917_workflow_event_names.down,
    name: '20261125_002917_workflow_event_names',
  },
  {
    up: migration_20261125_005905_preview_links.up,
    down: migration_20261125_005905_preview_links.down,
    name: '20261125_005905_preview_links',
  },
  {
    up: migration_20261125_015223_public_list_indexes.up,
    down: migration_20261125_015223_public_list_indexes.down,
    name: '20261125_015223_public_list_indexes',
  },
  {
    up: migration_20261203_140040_drop_unused_reset_column.up,
    down: migration_20261203_140040_drop_unused_reset_column.down,
    name: '20261203_140040_drop_unused_reset_column',
  },
  {
    up: migration_20261205_022936_content_changes.up,
    down: migration_20261205_022936_content_changes.down,
    name: '20261205_022936_content_changes',
  },
  {
    up: migration_20261205_101059_users_name_required.up,
    down: migration_20261205_101059_users_name_required.down,
    name: '20261205_101059_users_name_required',
  },
  {
    up: migration_20261205_102159_last_edited_by.up,
    down: migration_20261205_102159_last_edited_by.down,
    name: '20261205_102159_last_edited_by',
  },
  {
    up: migration_20261205_130352_workflow_schedules.up,
    down: migration_20261205_130352_workflow_schedules.down,
    name: '20261205_130352_workflow_schedules',
  },
  {
    up: migration_20261206_023018_webhooks_redirects_notifications.up,
    down: migration_20261206_023018_webhooks_redirects_notifications.down,
    name: '20261206_023018_webhooks_redirects_notifications',
  },
  {
    up: migration_20261206_171503_topics_languages_writers.up,
    down: migration_20261206_171503_topics_languages_writers.down,
    name: '20261206_171503_topics_languages_writers',
  },
  {
    up: migration_20261206_173637_search_index.up,
    down: migration_20261206_173637_search_index.down,
    name: '20261206_173637_search_index'
  },
];
