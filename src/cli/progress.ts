/**
 * The progress of a long command, on stderr: a bar on a terminal (one per stage, e.g. a
 * collection), otherwise a line when a stage starts or ends and at most every `lineEveryMs`
 * between, so that a log shows the command is alive without a line per document.
 */
import { SingleBar } from 'cli-progress'

export type ProgressReporter<T> = { update: (progress: T) => void; stop: () => void }

export const progressReporter = <T extends { done: number; total: number }>({
  bar,
  line,
  stageOf = () => '',
  itemOf = () => '',
  lineEveryMs = 2000,
  clearOnComplete = false,
}: {
  /** cli-progress format; `{stage}` and `{item}` stand for `stageOf` and `itemOf`. */
  bar: string
  /** The line written without a terminal. */
  line: (progress: T) => string
  stageOf?: (progress: T) => string
  /** What is being worked on (a document's title): cut to 40 characters in the bar. */
  itemOf?: (progress: T) => string
  lineEveryMs?: number
  clearOnComplete?: boolean
}): ProgressReporter<T> => {
  let current: string | undefined
  if (process.stderr.isTTY) {
    const progressBar = new SingleBar({
      format: bar,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete,
    })
    return {
      update: (progress) => {
        // Nothing to do in this stage: nothing to show.
        if (progress.total === 0) return
        const stage = stageOf(progress)
        if (stage !== current) {
          if (current !== undefined) progressBar.stop()
          progressBar.start(progress.total, progress.done, { stage, item: '' })
          current = stage
        }
        progressBar.setTotal(progress.total)
        progressBar.update(progress.done, { stage, item: itemOf(progress).slice(0, 40) })
      },
      stop: () => progressBar.stop(),
    }
  }
  let last = 0
  return {
    update: (progress) => {
      if (progress.total === 0) return
      const stage = stageOf(progress)
      const now = Date.now()
      const isNews = stage !== current || progress.done === progress.total
      if (!isNews && now - last < lineEveryMs) return
      current = stage
      last = now
      process.stderr.write(`${line(progress)}\n`)
    },
    stop: () => undefined,
  }
}
