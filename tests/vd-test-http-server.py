#!/usr/bin/env python3
# vd-test-http-server.py
#
# Copyright 2026 The virt-desk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A local HTTP server for the network install tests: serves DIR on
# 127.0.0.1 at a free port, which it prints as the first line of its
# output. Under /slow/ the same files come one byte every 100 ms (dot
# files such as .treeinfo at full speed), so a test can cancel during a
# download.

import functools
import http.server
import os
import sys
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        slow = self.path.startswith('/slow/')
        if slow:
            self.path = self.path[len('/slow'):]
        if not slow or os.path.basename(self.path.split('?')[0]).startswith('.'):
            super().do_GET()
            return
        f = self.send_head()
        if f is None:
            return
        try:
            while True:
                chunk = f.read(1)
                if not chunk:
                    break
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            f.close()


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0),
                                         functools.partial(Handler, directory=sys.argv[1]))
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
