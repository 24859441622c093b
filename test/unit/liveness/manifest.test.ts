import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {describe, test} from 'node:test'

import {InputError} from '../../../src/core/input-error.js'
import {readManifest} from '../../../src/liveness/manifest.js'

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')

describe('reading manifests', () => {
  test('multi-document YAML: the Deployment among other kinds, with its line', async () => {
    const {deployments, kinds} = await readManifest(fixture('deployment-good.yaml'), 'good.yaml')
    assert.deepEqual(kinds, ['ConfigMap', 'Deployment', 'Service'])
    assert.equal(deployments.length, 1)
    const [d] = deployments
    assert.equal(d?.name, 'karafka-consumer')
    assert.equal(d?.where, 'good.yaml:9')
    assert.equal(d?.strategyType, 'Recreate')
    assert.equal(d?.replicas, 3)
    assert.equal(d?.terminationGracePeriodSeconds, 90)
    const [c] = d?.containers ?? []
    assert.deepEqual(c?.command, ['bundle', 'exec', 'karafka', 'server'])
    assert.deepEqual(c?.env, [{name: 'KARAFKA_ENV', value: 'production'}])
    assert.deepEqual(c?.ports, [{name: 'liveness', containerPort: 3000}])
    assert.deepEqual(c?.livenessProbe, {handler: 'httpGet', httpGet: {port: 'liveness', path: '/'}, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5})
  })

  test('kubectl -o json List', async () => {
    const {deployments} = await readManifest(fixture('list.json'), 'list.json')
    assert.equal(deployments[0]?.name, 'karafka')
    assert.equal(deployments[0]?.namespace, 'jobs')
    assert.deepEqual(deployments[0]?.containers[0]?.envFrom, ['configMapRef app-env'])
    assert.deepEqual(deployments[0]?.rollingUpdate, {maxSurge: '25%', maxUnavailable: '25%'})
  })

  test('probe handlers and env from secrets', async () => {
    const yaml = `
kind: Deployment
metadata: {name: x}
spec:
  template:
    spec:
      containers:
        - name: a
          env:
            - name: KARAFKA_ENV
              valueFrom: {secretKeyRef: {name: app, key: env}}
          livenessProbe: {tcpSocket: {port: "3000"}}
          startupProbe: {exec: {command: [curl, -sf, "http://localhost:3000/"]}, failureThreshold: 30}
        - name: b
          livenessProbe: {grpc: {port: 9000}}
`
    const [d] = (await readManifest(yaml, 'x.yaml')).deployments
    assert.deepEqual(d?.containers[0]?.env, [{name: 'KARAFKA_ENV', from: 'secretKeyRef app/env'}])
    assert.deepEqual(d?.containers[0]?.livenessProbe, {handler: 'tcpSocket', tcpPort: 3000})
    assert.deepEqual(d?.containers[0]?.startupProbe, {handler: 'exec', exec: ['curl', '-sf', 'http://localhost:3000/'], failureThreshold: 30})
    assert.equal(d?.containers[1]?.livenessProbe?.handler, 'grpc')
  })

  const rejects = (text: string, pattern: RegExp) =>
    assert.rejects(
      () => readManifest(text, 'deploy.yaml'),
      (e: unknown) => e instanceof InputError && pattern.test(e.oneLine()) && e.oneLine().endsWith('(from deploy.yaml)'),
    )

  test('invalid YAML → InputError naming the file, one line', async () => {
    await rejects(fixture('broken.yaml'), /^invalid YAML: .*line \d+/)
  })

  test('no Deployment → InputError listing what was there', async () => {
    await rejects(fixture('service-only.yaml'), /no Deployment in it \(found Service, StatefulSet\)/)
    await rejects('', /no Deployment in it \(it holds no Kubernetes object\)/)
    await rejects('just a string', /no Deployment/)
  })

  test('a Helm template gets a hint', async () => {
    await rejects('kind: Deployment\nspec: {{ toYaml .Values.spec }}\n  x: 1\n', /helm template/)
  })
})
