"""The web chat: a page anyone with a browser can use, an embeddable widget and the JSON API
under both (`nfpbot serve web`). Served by hypercorn like Slack's HTTP mode."""

from __future__ import annotations

from adapters.web.serving import make_server, serve

__all__ = ["make_server", "serve"]
