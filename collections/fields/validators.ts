import type { TextFieldManyValidation, TextFieldSingleValidation } from 'payload'

/** An absolute http(s) URL, or empty. */
export const validateWebUrl: TextFieldSingleValidation = (value) => {
  if (value === null || value === undefined || value === '') return true
  try {
    const url = new URL(value)
    if (url.protocol === 'http:' || url.protocol === 'https:') return true
  } catch {
    // fall through to the message
  }
  return `"${value}" is not a web address: use a full URL such as https://example.org`
}

/** A Twitter/X handle (letters, digits, underscore; up to 15), stored without the "@". */
export const validateTwitterHandle: TextFieldSingleValidation = (value) => {
  if (value === null || value === undefined || value === '') return true
  return /^[A-Za-z0-9_]{1,15}$/.test(value)
    ? true
    : `"${value}" is not a Twitter handle: up to 15 letters, digits or underscores, without "@"`
}

/** A list of absolute http(s) URLs: the first that is not one is named. */
export const validateWebUrls: TextFieldManyValidation = (value, options) => {
  for (const url of value ?? []) {
    const problem = validateWebUrl(url, options as never)
    if (problem !== true) return problem
  }
  return true
}
