// Terminal colour for every renderer: chalk's, off when NO_COLOR is set (and for non-TTY output,
// as chalk decides).

import chalk, {Chalk, type ChalkInstance} from 'chalk'

export function makeChalk(env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  return new Chalk({level: env.NO_COLOR ? 0 : chalk.level})
}
