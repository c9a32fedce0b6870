import pytest


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Requests without Accept-Language get English whatever the machine's locale."""
    settings.LANGUAGE_CODE = "en"
