import type React from 'react'

/** Spacing shared by the webhook controls, in Payload's own units. */
export const styles = {
  control: { marginBottom: 'var(--base)' },
  heading: { marginBottom: 'calc(var(--base) / 2)' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: 'calc(var(--base) / 2)',
    alignItems: 'flex-end',
    marginTop: 'calc(var(--base) / 2)',
  },
  note: { margin: 'calc(var(--base) / 4) 0', color: 'var(--theme-elevation-500)' },
  secret: { fontFamily: 'var(--font-mono, monospace)' },
} satisfies Record<string, React.CSSProperties>

/** The message of an error answer, or undefined. */
export const errorMessageOf = async (response: Response): Promise<string | undefined> => {
  try {
    const body = (await response.json()) as { errors?: { message?: string }[] }
    return body.errors?.[0]?.message
  } catch {
    return undefined
  }
}

/** POSTs JSON to the CMS as the signed-in admin; the answer's body, or the error's message. */
export const postJson = async <T>({
  url,
  body,
}: {
  url: string
  body?: unknown
}): Promise<{ ok: true; data: T } | { ok: false; message: string }> => {
  try {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    })
    if (!response.ok) {
      return {
        ok: false,
        message: (await errorMessageOf(response)) ?? `The server answered ${response.status}.`,
      }
    }
    return { ok: true, data: (await response.json()) as T }
  } catch {
    return { ok: false, message: 'Could not reach the server.' }
  }
}
