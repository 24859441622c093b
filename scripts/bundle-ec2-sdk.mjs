// npm run build: replaces tsc's dist/aws/ec2-sdk.js (a re-export of the whole EC2 SDK) with a
// bundle of only the operations it names, from the SDK's ES modules. Loading the whole package
// costs ~90 MB of memory (every EC2 operation's schema); this bundle a fraction of that.
import {build} from 'esbuild'

const result = await build({
  entryPoints: ['src/aws/ec2-sdk.ts'],
  outfile: 'dist/aws/ec2-sdk.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
  banner: {js: "import {createRequire as kdoctorCreateRequire} from 'node:module'; const require = kdoctorCreateRequire(import.meta.url);"},
})
if (result.errors.length > 0) process.exit(1)
