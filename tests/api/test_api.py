import pytest
from rest_framework.authtoken.models import Token


@pytest.mark.django_db
def test_root_lists_the_endpoints(client):
    data = client.get("/api/").json()
    assert set(data) == {"municipalities", "initiatives", "me", "schema", "docs"}


@pytest.mark.django_db
def test_openapi_schema_and_docs_are_served_without_third_party_origins(client):
    schema = client.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/municipalities/{slug}/" in schema["paths"]
    docs = client.get("/api/docs/")
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "'self'" in docs["Content-Security-Policy"]


@pytest.mark.django_db
def test_municipalities_are_public_without_people(client, municipality, coordinator):
    data = client.get("/api/municipalities/ruesselsheim-am-main/").json()
    assert data["name"] == "Rüsselsheim am Main"
    assert data["population"] == 66125
    text = str(client.get("/api/municipalities/").json())
    assert coordinator.display_name not in text and coordinator.email not in text


@pytest.mark.django_db
def test_token_authentication(client, member, municipality):
    assert client.get("/api/me/").status_code in (401, 403)
    token = Token.objects.create(user=member)
    data = client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token.key}").json()
    assert data["email"] == member.email
    assert data["memberships"] == [
        {"municipality": "ruesselsheim-am-main", "role": "member",
         "joined_at": data["memberships"][0]["joined_at"]}
    ]
    assert client.get("/api/me/", HTTP_AUTHORIZATION="Token falsch").status_code == 401


@pytest.mark.django_db
def test_token_is_created_and_replaced_from_the_profile(client_for, member):
    client = client_for(member)
    first = client.post("/konto/api-token/").context["token"].key
    second = client.post("/konto/api-token/").context["token"].key
    assert first != second
    assert list(Token.objects.filter(user=member).values_list("key", flat=True)) == [second]
