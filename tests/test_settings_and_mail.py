"""Real parts: e-mail through a real SMTP server, production settings, security headers."""

import os
import socket
import subprocess
import sys
from email import message_from_bytes

import environ
import pytest
from aiosmtpd.controller import Controller

from gemeinsam.core import services
from gemeinsam.core.models import Role


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


@pytest.mark.django_db(transaction=True)
def test_invitation_goes_out_through_a_real_smtp_server(smtp_server, settings, municipality,
                                                        coordinator):
    port, inbox = smtp_server
    for name, value in environ.Env.email_url_config(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, name, value)

    services.invitation_create(municipality=municipality, email="neu@example.org",
                               role=Role.MEMBER, invited_by=coordinator,
                               build_url=lambda token: f"https://gemeinsam.example/einladung/{token}/")

    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["neu@example.org"]
    message = message_from_bytes(envelope.content)
    body = message.get_payload(decode=True).decode()
    assert "https://gemeinsam.example/einladung/" in body


def _production_env(**extra):
    return {
        "PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "gemeinsam.settings.production",
        "SECRET_KEY": "".join(chr(48 + i % 70) for i in range(64)), "ALLOWED_HOSTS": "gemeinsam.example",
        "DATABASE_URL": "sqlite:////tmp/gemeinsam-deploy-check.sqlite3", **extra,
    }


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                             "WARNING"], env=_production_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_short_secret_key():
    result = subprocess.run([sys.executable, "manage.py", "check"],
                            env=_production_env(SECRET_KEY="kurz"), capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "http" not in policy
