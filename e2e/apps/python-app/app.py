"""Inventory service: serves the stock list as JSON."""
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

from acme_settings import load_settings
from inventory.stock import Stock

settings = load_settings(defaults={"port": 5000, "warehouse": "main"})
stock = Stock(settings["warehouse"])


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(stock.report()).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    print(f"inventory on :{settings['port']}")
    HTTPServer(("", int(settings["port"])), Handler).serve_forever()
