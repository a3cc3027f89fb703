/**
 * Why a rich text value is not a Lexical document, or null when it is one (or empty). Checks
 * the shape the editor and Payload's own processing rely on: an object with a `root` node of
 * type "root", and nodes that are objects with a text `type` and, where they have children, a
 * list of them; with `nodeTypes`, only node types the editor knows. Walks without recursion, so
 * nesting depth cannot overflow the stack.
 */
export const findRichTextProblem = (
  value: unknown,
  /** Node types the editor has; others are refused (the editor could not open the document). */
  nodeTypes?: ReadonlySet<string>,
): string | null => {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object' || Array.isArray(value)) {
    return `must be a rich text document ({"root": {"type": "root", "children": […]}}), not ${describe(value)}`
  }
  const root = (value as { root?: unknown }).root
  if (!isObject(root) || root.type !== 'root') {
    return 'must have a "root" node of type "root"'
  }
  const pending: { node: Record<string, unknown>; at: string }[] = [{ node: root, at: 'root' }]
  while (pending.length > 0) {
    const { node, at } = pending.pop()!
    if (typeof node.type !== 'string' || node.type === '') return `${at} has no "type"`
    if (nodeTypes && !nodeTypes.has(node.type)) {
      return `${at} is a "${node.type}" node, which this editor does not have`
    }
    if (!('children' in node)) continue
    if (!Array.isArray(node.children)) return `${at}.children must be a list of nodes`
    for (const [index, child] of (node.children as unknown[]).entries()) {
      const childAt = `${at}.children[${index}]`
      if (!isObject(child)) return `${childAt} must be a node (an object), not ${describe(child)}`
      pending.push({ node: child, at: childAt })
    }
  }
  return null
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : (JSON.stringify(value)?.slice(0, 40) ?? String(value))
