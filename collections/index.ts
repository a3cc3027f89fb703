import { Authors } from './Authors.ts'
import { Digests } from './Digests.ts'
import { Media } from './Media.ts'
import { Posts } from './Posts.ts'
import { Redirects } from './Redirects/index.ts'
import { Sources } from './Sources.ts'
import { Topics } from './Topics.ts'
import { Users } from './Users.ts'

/**
 * The content model. Cross-cutting behaviour (the workflow and its audit trail, preview links,
 * input checks, the response cache) is added to these by the plugins in src/payload.config.ts.
 */
export const collections = [Posts, Digests, Authors, Sources, Topics, Media, Redirects, Users]
