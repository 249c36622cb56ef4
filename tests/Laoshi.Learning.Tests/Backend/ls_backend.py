"""A small model backend speaking the Label Studio ML-backend protocol, for tests.

It answers GET /health, POST /setup, POST /predict and POST /webhook the way label-studio-ml backends do, reads the
first <Choices> control and its target from the label config it is sent, and calls a text "positive" when it holds
the word "good", else "negative". Every request is remembered and GET /calls returns them, so tests can check what
Laoshi sent. It prints the port it listens on as its first line; --delay-ms slows every /predict down.
"""
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

delay = 0.0
for i, arg in enumerate(sys.argv):
    if arg == "--delay-ms":
        delay = float(sys.argv[i + 1]) / 1000

calls = []
lock = threading.Lock()
model_version = "word-rule-1"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out as two writes; without this, Nagle and delayed ACKs add ~40 ms to every answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            self.answer(200, {"status": "UP", "model_class": "WordRule"})
        elif self.path == "/calls":
            with lock:
                self.answer(200, calls)
        else:
            self.answer(404, {"error": "no such endpoint"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        with lock:
            calls.append({"path": self.path, "body": body})
        if self.path == "/setup":
            self.answer(200, {"model_version": model_version})
        elif self.path == "/webhook":
            self.answer(201, {"status": "ok", "job_id": "job-1", "action": body.get("action")})
        elif self.path == "/predict":
            if delay:
                time.sleep(delay)
            config = body.get("label_config", "")
            found = re.search(r'<Choices name="([^"]+)" toName="([^"]+)"', config)
            if not found:
                self.answer(400, {"error": "no Choices control in label_config", "label_config": config})
                return
            from_name, to_name = found.groups()
            results = []
            for task in body["tasks"]:
                text = task["data"].get("text", "")
                label = "positive" if "good" in text else "negative"
                score = 0.9 if label == "positive" else 0.6
                results.append({
                    "result": [{"from_name": from_name, "to_name": to_name, "type": "choices",
                                "value": {"choices": [label]}, "score": score}],
                    "score": score,
                    "model_version": model_version,
                })
            self.answer(200, {"results": results})
        else:
            self.answer(404, {"error": "no such endpoint"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
