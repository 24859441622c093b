#!/usr/bin/env python3
"""A loopback port that silently drops SYNs, the way a firewall or security group does.

Linux drops a SYN when the listener's accept queue is full, so we listen with backlog 0,
never accept, and fill the queue ourselves. Prints one port per line, then waits for stdin
to close (the test process owns our lifetime). An optional second argument binds the
(single) port to that number instead of a free one, e.g. an address a broker advertises.
"""
import socket
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
fixed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
keep = []
for _ in range(count):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", fixed))
    listener.listen(0)
    port = listener.getsockname()[1]
    # Fill the accept queue: these complete the handshake and are never accepted.
    for _ in range(3):
        filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        filler.setblocking(False)
        try:
            filler.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        keep.append(filler)
    keep.append(listener)
    print(port, flush=True)

sys.stdin.read()
