#!/usr/bin/env python3
"""moto's EC2 API on 127.0.0.1 for kdoctor's AWS integration tests.

Binds a free port (port 0), prints it on one line, then serves until stdin closes (the test
process owns our lifetime). Exits 3 with one line on stderr when moto is not installed.
"""
import sys

try:
    from moto.server import ThreadedMotoServer
except ImportError as error:  # the tests turn this into a failure, never a skip
    print(f'moto is not installed ({error}): pip install "moto[server]==5.2.1"', file=sys.stderr, flush=True)
    sys.exit(3)

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
