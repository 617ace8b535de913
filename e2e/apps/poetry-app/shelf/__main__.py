"""Serve the shelf: python -m shelf"""
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

from acme_settings import load_settings

from shelf.books import shelf

settings = load_settings(defaults={"port": 8000})


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(shelf()).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    print(f"shelf on :{settings['port']}")
    HTTPServer(("", int(settings["port"])), Handler).serve_forever()
