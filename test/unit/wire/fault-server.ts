// Loopback servers that misbehave the ways a real broker cannot be made to (closing mid-frame,
// resetting, sending TLS/HTTP/garbage bytes, drip-feeding). None of them speaks Kafka.
import net, {type Socket} from 'node:net'

export {type FaultServer, dripFeed, faultServer} from '../../faults/servers.js'

export function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({host: '127.0.0.1', port}, () => resolve(s))
    s.once('error', reject)
  })
}

/** The correlation id of a request frame (length, key, version, correlation id). */
export function correlationIdOf(request: Buffer): number {
  return request.readInt32BE(8)
}

/** A frame: int32 length + correlation id + body. */
export function frame(correlationId: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.alloc(8 + body.length)
  out.writeInt32BE(4 + body.length, 0)
  out.writeInt32BE(correlationId, 4)
  body.copy(out, 8)
  return out
}
