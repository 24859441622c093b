import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, test} from 'node:test'

import type {Finding} from '../../../src/diagnosis/finding.js'
import {DEFAULT_SHUTDOWN_TIMEOUT, type ListenerExpectation, deploymentFindings, probeTimeoutOf} from '../../../src/liveness/deployment-checks.js'
import {DEFAULT_TTLS} from '../../../src/liveness/interpret.js'
import {readManifest} from '../../../src/liveness/manifest.js'

const fixture = async (name: string) => (await readManifest(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8'), name)).deployments
const expect = (over: Partial<ListenerExpectation> = {}): ListenerExpectation => ({port: 3000, portSource: "Karafka's default", ttls: DEFAULT_TTLS, shutdownTimeout: DEFAULT_SHUTDOWN_TIMEOUT, mitigations: [], ...over})
const problems = (findings: Finding[]) => findings.filter((f) => f.status === 'warn' || f.status === 'fail').map((f) => `${f.status}:${f.code}`)
const find = (findings: Finding[], pattern: RegExp) => findings.find((f) => pattern.test(f.summary))

/** One Deployment with one container; `container` is YAML for the container's fields. */
async function deployment(container: string, spec = 'strategy: {type: Recreate}'): ReturnType<typeof fixture> {
  const indented = container
    .trim()
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n')
  return (await readManifest(`kind: Deployment\nmetadata: {name: app}\nspec:\n  ${spec}\n  template:\n    spec:\n      containers:\n        - name: karafka\n          command: [bundle, exec, karafka, server]\n${indented}\n`, 't.yaml')).deployments
}

describe('deployment checks', () => {
  test("the wiki's recommended Deployment passes everything", async () => {
    const findings = deploymentFindings(await fixture('deployment-good.yaml'), expect())
    assert.deepEqual(problems(findings), [])
    assert.ok(findings.every((f) => f.check === 'manifest' && f.target === 'deployment/karafka-consumer'))
    const summaries = findings.map((f) => f.summary)
    assert.ok(summaries.includes('strategy Recreate: old pods stop before new ones start, one rebalance per deploy'))
    assert.ok(summaries.includes('runs `bundle exec karafka server`'))
    assert.ok(summaries.includes('KARAFKA_ENV=production is set'))
    assert.match(summaries.join('\n'), /livenessProbe httpGet \/ reaches the listener on port 3000/)
    assert.match(summaries.join('\n'), /boot may take up to 60 s/)
    assert.match(summaries.join('\n'), /restarted 300 s \(polling_ttl, Karafka's defaults\) \+ up to 30 s/)
    assert.match(summaries.join('\n'), /terminationGracePeriodSeconds 90 s leaves room/)
  })

  test('everything wrong at once', async () => {
    const findings = deploymentFindings(await fixture('deployment-bad.yaml'), expect())
    assert.deepEqual(problems(findings), ['warn:KD807', 'fail:KD808', 'warn:KD808', 'warn:KD808'])
    assert.match(find(findings, /strategy/)?.summary ?? '', /no strategy set, so Kubernetes uses RollingUpdate \(maxSurge 25%, maxUnavailable 25%\)/)
    assert.match(find(findings, /port 8080/)?.summary ?? '', /uses port 8080 \("http"\), but Karafka's listener is on port 3000/)
    assert.match(find(findings, /timeoutSeconds 1/)?.summary ?? '', /\(the default\)/)
    assert.match(find(findings, /first restart/)?.summary ?? '', /10 s after start \(initialDelaySeconds 0 \+ periodSeconds 5 × failureThreshold 2\)/)
    assert.ok(find(findings, /runs `\/bin\/sh -c bundle exec karafka server/)?.status === 'pass', 'a shell-wrapped command is still karafka server')
    assert.equal(find(findings, /path \/healthz/)?.status, 'info')
    assert.equal(find(findings, /KARAFKA_ENV not set in the manifest/)?.status, 'info')
    assert.equal(find(findings, /terminationGracePeriodSeconds 30 s \(the default\)/)?.status, 'info')
  })

  test('only the Karafka Deployment of several is checked; swarm and tcpSocket', async () => {
    const findings = deploymentFindings(await fixture('two-deployments.yaml'), expect())
    assert.ok(findings.every((f) => f.target === 'deployment/workers'), 'the Puma Deployment is left alone')
    assert.deepEqual(problems(findings), ['warn:KD807', 'warn:KD808'])
    assert.match(find(findings, /strategy/)?.summary ?? '', /RollingUpdate \(maxSurge 1, maxUnavailable 0\)/)
    assert.match(find(findings, /tcpSocket: it only sees/)?.code ?? '', /KD808/)
    assert.match(find(findings, /swarm mode/)?.summary ?? '', /karafka swarm/)
    assert.match(find(findings, /RAILS_ENV/)?.summary ?? '', /Karafka takes RAILS_ENV=production/)
    assert.match(find(findings, /stuck process/)?.summary ?? '', /controlling_ttl/)
  })

  test('kubectl List: the rollout warning names what softens it; envFrom and image command are notes', async () => {
    const findings = deploymentFindings(await fixture('list.json'), expect({mitigations: ['cooperative-sticky', 'static membership']}))
    assert.deepEqual(problems(findings), ['warn:KD807'])
    assert.match(find(findings, /RollingUpdate/)?.summary ?? '', /cooperative-sticky and static membership soften it/)
    assert.equal(find(findings, /configMapRef app-env/)?.status, 'info')
    assert.equal(find(findings, /image's entrypoint/)?.status, 'info')
  })

  test("the probe's port against karafka.rb's listener port", async () => {
    const findings = deploymentFindings(await fixture('deployment-good.yaml'), expect({port: 3001, portSource: 'karafka.rb:19'}))
    assert.deepEqual(problems(findings), ['fail:KD808'])
    assert.match(find(findings, /port 3000/)?.summary ?? '', /port 3000 \("liveness"\), but Karafka's listener is on port 3001 \(karafka\.rb:19\)/)
  })

  test('listener class against the command', async () => {
    const server = deploymentFindings(await fixture('deployment-good.yaml'), expect({listenerKind: 'swarm', listenerWhere: 'karafka.rb:3'}))
    assert.deepEqual(problems(server), ['fail:KD801'])
    const swarm = deploymentFindings(await fixture('two-deployments.yaml'), expect({listenerKind: 'liveness', listenerWhere: 'karafka.rb:3'}))
    assert.ok(problems(swarm).includes('warn:KD808'))
    assert.match(find(swarm, /standard LivenessListener/)?.summary ?? '', /SwarmLivenessListener/)
    // The standard listener answers the probe, so its TTLs (not the supervisor's) time the restart.
    const ttls = {...DEFAULT_TTLS, consumingMs: 120_000, source: 'karafka.rb line 3'}
    const timed = deploymentFindings(await fixture('two-deployments.yaml'), expect({listenerKind: 'liveness', listenerWhere: 'karafka.rb line 3', ttls}))
    assert.match(find(timed, /stuck process/)?.summary ?? '', /120 s \(consuming_ttl, karafka\.rb line 3\)/)
  })

  test('no livenessProbe', async () => {
    const findings = deploymentFindings(await deployment('env: [{name: KARAFKA_ENV, value: production}]'), expect())
    assert.deepEqual(problems(findings), ['warn:KD808'])
    assert.match(findings.map((f) => f.summary).join('\n'), /no livenessProbe/)
  })

  const probeProblems = async (probe: string, over: Partial<ListenerExpectation> = {}, extra = '') => {
    const findings = deploymentFindings(await deployment(`${extra}\nlivenessProbe: ${probe}`), expect(over))
    return {findings, problems: problems(findings).filter((p) => p !== 'warn:KD808' || !find(findings, /timeoutSeconds 1/))}
  }

  test('HTTPS, another host, grpc, an undeclared named port, the readiness port', async () => {
    const timings = 'initialDelaySeconds: 30, timeoutSeconds: 5'
    assert.deepEqual((await probeProblems(`{httpGet: {port: 3000, scheme: HTTPS}, ${timings}}`)).problems, ['fail:KD808'])
    assert.deepEqual((await probeProblems(`{httpGet: {port: 3000, host: 10.0.0.9}, ${timings}}`)).problems, ['warn:KD808'])
    assert.deepEqual((await probeProblems(`{grpc: {port: 3000}, ${timings}}`)).problems, ['fail:KD808'])
    const named = await probeProblems(`{httpGet: {port: liveness}, ${timings}}`)
    assert.deepEqual(named.problems, ['fail:KD808'])
    assert.match(named.findings.map((f) => f.summary).join('\n'), /named port "liveness", which the container does not declare/)
    const readiness = await probeProblems(`{httpGet: {port: 3001}, ${timings}}`, {readinessPort: {value: 3001, where: 'karafka.rb:30'}})
    assert.match(readiness.findings.map((f) => f.summary).join('\n'), /the ReadinessListener's \(karafka\.rb:30\)/)
  })

  test('exec probes: a visible port is checked, otherwise a note', async () => {
    const timings = 'initialDelaySeconds: 30, timeoutSeconds: 5'
    const wrong = await probeProblems(`{exec: {command: [curl, -sf, "http://localhost:8080/"]}, ${timings}}`)
    assert.deepEqual(wrong.problems, ['fail:KD808'])
    const right = await probeProblems(`{exec: {command: [curl, -sf, "http://127.0.0.1:3000/"]}, ${timings}}`)
    assert.deepEqual(right.problems, [])
    const opaque = await probeProblems(`{exec: {command: [/bin/check]}, ${timings}}`)
    assert.deepEqual(opaque.problems, [])
    assert.match(opaque.findings.map((f) => f.summary).join('\n'), /cannot see which port/)
  })

  test('a startupProbe covers the boot; slow probing lets a stuck process run on', async () => {
    const startup = await probeProblems('{httpGet: {port: 3000}, timeoutSeconds: 5}', {}, 'startupProbe: {httpGet: {port: 3000}, failureThreshold: 30, periodSeconds: 10}')
    assert.deepEqual(startup.problems, [])
    assert.match(startup.findings.map((f) => f.summary).join('\n'), /startupProbe gives the boot up to 300 s/)
    const lazy = await probeProblems('{httpGet: {port: 3000}, initialDelaySeconds: 30, periodSeconds: 120, timeoutSeconds: 5}')
    assert.deepEqual(lazy.problems, ['warn:KD808'])
    assert.match(lazy.findings.map((f) => f.summary).join('\n'), /= 360 s: a stuck process runs that long again after polling_ttl \(300 s/)
  })

  test('the probe timeout the HTTP check is judged against', async () => {
    assert.deepEqual(probeTimeoutOf(await fixture('deployment-good.yaml')), {ms: 5000, source: "the livenessProbe's timeoutSeconds in deployment/karafka-consumer"})
    assert.equal(probeTimeoutOf(await fixture('deployment-bad.yaml'))?.ms, 1000)
    assert.equal(probeTimeoutOf(await deployment('env: []')), undefined)
  })
})
