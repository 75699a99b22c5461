"""A fake OpenAI-compatible embeddings server (`POST /v1/embeddings`) on 127.0.0.1:0.

Why: the HTTP embedder is tested through real HTTP with httpx, like the platforms; only the server
is fake. Its vectors are hashed bags of words (deterministic, and texts sharing words are close), so
retrieval through it behaves like a (weak) real model. It records every request and can fail.

    with FakeEmbeddings() as fake:
        embedder = HttpEmbedder(fake.url, "fake-model", api_key="k")
        embedder.encode_queries(["hello"])
        assert fake.requests[0]["headers"]["Authorization"] == "Bearer k"

Contract: `url` (ends in /v1), `requests` (dicts: body, headers), `inputs` (every text embedded),
`fail(status=500, times=1)`, `garble(times=1)` (a 200 with a body that is not the OpenAI shape),
`hold(prefix)` (requests with a text starting with `prefix` wait, `waiting` counts them, until
`release()`: a slow server, at the pace a test chooses), `stop()`.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DIM = 64


def bag_of_words(text: str) -> list[float]:
    vec = [0.0] * DIM
    for word in re.findall(r"\w+", text.lower()):
        h = int(hashlib.md5(word.encode()).hexdigest(), 16)
        vec[h % DIM] += 1.0 if (h >> 8) % 2 else -1.0
    return vec if any(vec) else [1.0] + [0.0] * (DIM - 1)


class FakeEmbeddings:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.inputs: list[str] = []
        self._faults: list[tuple[int, bytes]] = []
        self._lock = threading.Lock()
        self._held: str | None = None
        self._gate = threading.Event()
        self._gate.set()
        self.waiting = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                with fake._lock:
                    fake.requests.append({"path": self.path, "body": body,
                                          "headers": dict(self.headers)})
                    fault = fake._faults.pop(0) if fake._faults else None
                if self.path != "/v1/embeddings":
                    return self._send(404, b'{"error": "not found"}')
                if fault is not None:
                    return self._send(*fault)
                texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                held = fake._held
                if held is not None and any(t.startswith(held) for t in texts):
                    with fake._lock:
                        fake.waiting += 1
                    fake._gate.wait(timeout=120)
                with fake._lock:
                    fake.inputs.extend(texts)
                data = [{"object": "embedding", "index": i, "embedding": bag_of_words(t)}
                        for i, t in enumerate(texts)]
                self._send(200, json.dumps({"object": "list", "data": data,
                                            "model": body.get("model")}).encode())

            def _send(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def fail(self, status: int = 500, times: int = 1) -> None:
        with self._lock:
            self._faults += [(status, b'{"error": "injected"}')] * times

    def garble(self, times: int = 1) -> None:
        with self._lock:
            self._faults += [(200, b'{"data": "not a list"}')] * times

    def hold(self, prefix: str) -> None:
        self._held = prefix
        self._gate.clear()

    def release(self) -> None:
        self._gate.set()

    def stop(self) -> None:
        self._gate.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeEmbeddings:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
