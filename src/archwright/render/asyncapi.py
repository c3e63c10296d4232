"""AsyncAPI 3.0 document (``asyncapi.yaml``) of the WebSocket protocol (real-time >= 4)."""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from archwright.render.yaml_text import dump_yaml

if TYPE_CHECKING:
    from archwright.models.document import ArchitectureDocument


def _key(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name) or "message"


def asyncapi_document(doc: ArchitectureDocument) -> dict[str, Any] | None:
    api = doc.api
    if api is None or api.websocket is None:
        return None
    ws = api.websocket
    name = " ".join(doc.signals.product.name.value.split())[:200] or "Product"
    messages: dict[str, Any] = {}
    for m in ws.messages:
        messages[_key(m.name)] = {
            "name": m.name,
            "title": m.name.replace("_", " "),
            "summary": " ".join(m.description.split())[:500],
            "contentType": "application/json",
            "payload": copy.deepcopy(m.payload),
        }
    send = [
        k for k, m in zip(messages, ws.messages, strict=True) if m.direction == "client_to_server"
    ]
    recv = [
        k for k, m in zip(messages, ws.messages, strict=True) if m.direction == "server_to_client"
    ]
    channel = {
        "address": "/v1/realtime",
        "title": "Real-time channel",
        "description": " ".join(ws.transport.split()),
        "messages": {k: {"$ref": f"#/components/messages/{k}"} for k in messages},
        "bindings": {"ws": {"bindingVersion": "0.1.0"}},
    }
    ops: dict[str, Any] = {}
    if send:
        ops["clientSends"] = {
            "action": "receive",
            "channel": {"$ref": "#/channels/realtime"},
            "summary": "Frames the server receives from clients.",
            "messages": [{"$ref": f"#/channels/realtime/messages/{k}"} for k in send],
        }
    if recv:
        ops["serverPushes"] = {
            "action": "send",
            "channel": {"$ref": "#/channels/realtime"},
            "summary": "Frames the server pushes to clients.",
            "messages": [{"$ref": f"#/channels/realtime/messages/{k}"} for k in recv],
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": f"{name} real-time API",
            "version": "1.0.0",
            "description": " ".join(
                [
                    "Auth handshake: " + ws.auth_handshake,
                    "Heartbeat: " + ws.heartbeat,
                    "Reconnection: " + ws.reconnection,
                    "Lifecycle: " + "; ".join(ws.lifecycle),
                ]
            ),
        },
        "servers": {
            "production": {
                "host": "api.yourcompany.dev",
                "protocol": "wss",
                "description": "WebSocket endpoint over TLS.",
            }
        },
        "channels": {"realtime": channel},
        "operations": ops,
        "components": {"messages": messages},
    }


def render_asyncapi(doc: ArchitectureDocument) -> str:
    """``asyncapi.yaml`` text, or "" when the product has no WebSocket protocol."""
    spec = asyncapi_document(doc)
    return dump_yaml(spec) if spec else ""
