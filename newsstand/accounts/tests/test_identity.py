"""Who a reader is: the mailbox behind an address."""

import pytest

from newsstand.accounts.identity import email_normalized


@pytest.mark.parametrize(
    ("address", "normalized"),
    [
        ("Kari.Nordmann@Gmail.com", "karinordmann@gmail.com"),
        ("kari.nordmann+news@googlemail.com", "karinordmann@gmail.com"),
        ("kari.nordmann+news@fjord.no", "kari.nordmann@fjord.no"),
        ("  OLA@Example.ORG ", "ola@example.org"),
    ],
)
def test_email_normalized(address, normalized):
    assert email_normalized(address) == normalized
