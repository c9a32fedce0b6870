"""Accounts through django-allauth, as a reader uses them: codes and resets arrive by email."""

import re

import pytest

from newsstand.access.tests.factories import ReaderFactory

pytestmark = pytest.mark.django_db


def test_log_in_by_a_one_time_code_sent_by_email(client, mailoutbox):
    ReaderFactory(email="kari@example.org")

    client.post("/accounts/login/code/", {"email": "kari@example.org"})
    assert len(mailoutbox) == 1
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mailoutbox[0].body).group(1)
    client.post("/accounts/login/code/confirm/", {"code": code})

    assert client.get("/account/").status_code == 200


def test_password_reset_sends_a_link(client, mailoutbox):
    ReaderFactory(email="ola@example.org")
    client.post("/accounts/password/reset/", {"email": "ola@example.org"})
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_account_pages_need_a_signed_in_reader(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/account/")


def test_export_and_delete(client):
    reader = ReaderFactory(email="gone@example.org")
    client.force_login(reader)

    export = client.get("/account/export/")
    assert export["Content-Disposition"].startswith("attachment")
    assert b"gone@example.org" in export.content

    client.post("/account/delete/")
    assert not type(reader).objects.filter(pk=reader.pk).exists()
