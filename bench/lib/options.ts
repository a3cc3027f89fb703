import { InvalidArgumentError } from 'commander'

/** A commander parser for a whole number above 0, naming the option when it is not one. */
export const wholeNumber = (name: string) => (value: string) => {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError(`${name} must be a whole number above 0, got "${value}"`)
  }
  return number
}
