import sharp from 'sharp'

/** A PNG of one colour, `width` × `height`: an upload the media collection accepts and resizes. */
export const solidPng = (
  width: number,
  height: number,
  background: string | { r: number; g: number; b: number },
): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer()
