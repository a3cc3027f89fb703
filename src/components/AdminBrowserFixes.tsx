'use client'
import type React from 'react'

import { deliverLatestIntersectionEntries } from '../workarounds/intersectionEntries.ts'

// At load, before the admin's tables render: their cells make observers as they mount (defect
// register, "list-cells-stale-intersection").
if (typeof window !== 'undefined') deliverLatestIntersectionEntries(window)

/** The admin provider that applies the browser-side workarounds of the defect register. */
export const AdminBrowserFixes = ({ children }: { children?: React.ReactNode }) => children
