#!/usr/bin/env -S node --import tsx
// Runs the TypeScript sources directly (no build): bin/dev.js connect -b localhost:9092
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
