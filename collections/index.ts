import { Authors } from './Authors.ts'
import { Digests } from './Digests.ts'
import { Media } from './Media.ts'
import { Posts } from './Posts.ts'
import { PreviewLinks } from './PreviewLinks.ts'
import { Sources } from './Sources.ts'
import { Users } from './Users.ts'
import { checkRelations } from './fields/relations.ts'
import { checkRichText } from './fields/richTextShape.ts'
import { checkDataTypes } from './hooks/validateDataTypes.ts'
import { WorkflowEvents } from './WorkflowEvents.ts'

export const collections = [
  Posts,
  Digests,
  Authors,
  Sources,
  Media,
  Users,
  WorkflowEvents,
  PreviewLinks,
]
  .map(checkRelations)
  .map(checkRichText)
  .map(checkDataTypes)
