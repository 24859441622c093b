// A layer that did not run, because the one below it failed: connect's ladder stops at the first failure.
import {type CheckName, type Finding, finding} from '../diagnosis/finding.js'

export function layerNotRun(layer: CheckName, target: string, failed: Finding): Finding {
  return finding({check: layer, target, status: 'skip', summary: `not run: ${failed.check} failed`})
}

/** The listener answered the first connection, but the SASL layer could not open its own. */
export function reopenFailed(target: string): Finding {
  return finding({check: 'listener', target, status: 'fail', summary: 'could not reopen the connection'})
}
