"""The OpenAPI document and its docs page: public, and the page loads nothing from outside the site."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_the_schema_is_public_openapi_3_and_lists_every_endpoint(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/publications/", "/api/v1/publications/{slug}/", "/api/v1/publications/{slug}/editions/",
        "/api/v1/publications/{slug}/editions/{date}/", "/api/v1/publications/{slug}/editions/{date}/stories/",
        "/api/v1/publications/{slug}/editions/{date}/stories/{story}/", "/api/v1/me/bookmarks/",
        "/api/v1/me/bookmarks/{story_id}/", "/api/v1/me/follows/", "/api/v1/me/follows/{slug}/",
        "/api/v1/auth/token/",
    } <= set(schema["paths"])  # fmt: skip
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}


def test_the_schema_speaks_the_callers_language(client):
    schema = client.get("/api/schema/", headers={"accept-language": "fr"}).json()
    assert schema["paths"]["/api/v1/publications/"]["get"]["summary"] == "Publications"
    assert schema["paths"]["/api/v1/me/bookmarks/"]["get"]["summary"] == "Mes favoris"


def test_the_docs_page_renders_with_local_assets_only(client):
    assert client.get("/api/docs").url == "/api/docs/"
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="swagger-ui"' in html
    assert "/api/schema/" in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 4  # stylesheet, favicon, bundle, preset
    for url in assets:
        assert url.startswith(settings.STATIC_URL), f"{url} is not served by the site itself"
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url} is missing from the static files"
    assert "https://" not in html
    assert "http://" not in html
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise ask validator.swagger.io
