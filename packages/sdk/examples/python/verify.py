# Verify a Linkwire webhook with the Python standard library only.
import base64
import hashlib
import hmac
import json
import time

TOLERANCE_SECONDS = 300


def verify_webhook(body: bytes, headers: dict, secret: str) -> dict:
    """body: the raw request bytes (Flask: request.get_data(); Django: request.body)."""
    headers = {k.lower(): v for k, v in headers.items()}
    msg_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    signatures = headers["webhook-signature"].split()

    if abs(int(time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("timestamp outside tolerance")

    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # Several signatures while a rotated secret is in its grace period; non-v1 entries are ignored.
    if not any(
        version == "v1" and hmac.compare_digest(sig, expected)
        for version, _, sig in (s.partition(",") for s in signatures)
    ):
        raise ValueError("invalid signature")
    return json.loads(body)


if __name__ == "__main__":
    # Demo: python3 verify.py <webhook-id> <webhook-timestamp> <webhook-signature> < body.json
    import os
    import sys

    event = verify_webhook(
        sys.stdin.buffer.read(),
        {"webhook-id": sys.argv[1], "webhook-timestamp": sys.argv[2], "webhook-signature": sys.argv[3]},
        os.environ["LINKWIRE_WEBHOOK_SECRET"],
    )
    print(event["type"])
