"""The initiatives over the API: a paginated GeoJSON FeatureCollection with public fields only,
filtered by bounding box, category, text and municipality, and documented in OpenAPI."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.participation import services
from gemeinsam.participation.models import Initiative
from tests.participation.test_initiatives import SECRET_ADDRESS, SECRET_NAME, published, url

pytestmark = pytest.mark.django_db
API = "/api/initiatives/"


@pytest.fixture
def initiatives(municipality, other_municipality):
    return {
        "repair": published(municipality, "Repair-Café", categories=("repair-cafe",),
                            latitude=49.99, longitude=8.41),
        "garden": published(municipality, "Garten Ost", categories=("gemeinschaftsgarten",),
                            latitude=49.97, longitude=8.45, description="Beete und Bienen"),
        "nowhere": published(municipality, "Klimagruppe ohne Ort", categories=("klimagruppe",),
                             latitude=None, longitude=None),
        "konstanz": published(other_municipality, "Repair-Café Konstanz",
                              categories=("repair-cafe",), latitude=47.66, longitude=9.17),
    }


def names(data):
    return sorted(feature["properties"]["name"] for feature in data["features"])


def test_a_feature_collection_with_public_fields_only(client, initiatives, municipality):
    services.entry_propose(model=Initiative, municipality=municipality,
                           fields={"name": "Noch nicht moderiert"})
    response = client.get(API)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["count"] == 4 and data["next"] is None and data["previous"] is None
    assert names(data) == ["Garten Ost", "Klimagruppe ohne Ort", "Repair-Café",
                           "Repair-Café Konstanz"]
    garden = next(f for f in data["features"] if f["id"] == initiatives["garden"].pk)
    assert garden["type"] == "Feature"
    assert garden["geometry"] == {"type": "Point", "coordinates": [8.45, 49.97]}
    properties = garden["properties"]
    assert set(properties) == {"name", "description", "address", "website", "social_links",
                               "opening_hours", "how_to_join", "languages", "accessibility",
                               "image", "image_alt", "updated_at", "municipality", "categories",
                               "url"}
    assert properties["municipality"] == "ruesselsheim-am-main"
    assert properties["categories"] == [{"slug": "gemeinschaftsgarten",
                                         "name": "Gemeinschaftsgarten",
                                         "name_en": "Community garden", "color": "#2e7d32"}]
    assert properties["url"] == "http://testserver" + url("initiative", initiatives["garden"].pk)
    nowhere = next(f for f in data["features"] if f["id"] == initiatives["nowhere"].pk)
    assert nowhere["geometry"] is None
    text = response.content.decode()
    assert SECRET_ADDRESS not in text and SECRET_NAME not in text
    assert "Noch nicht moderiert" not in text


def test_filters(client, initiatives):
    assert names(client.get(API, {"municipality": "konstanz"}).json()) == [
        "Repair-Café Konstanz"]
    assert names(client.get(API, {"category": "repair-cafe"}).json()) == [
        "Repair-Café", "Repair-Café Konstanz"]
    assert names(client.get(API, {"category": "klimagruppe,gemeinschaftsgarten"}).json()) == [
        "Garten Ost", "Klimagruppe ohne Ort"]
    assert names(client.get(API, {"category": ["klimagruppe", "repair-cafe"],
                                  "municipality": "ruesselsheim-am-main"}).json()) == [
        "Klimagruppe ohne Ort", "Repair-Café"]
    assert names(client.get(API, {"q": "bienen"}).json()) == ["Garten Ost"]
    # Rüsselsheim's north: the repair café only; the place-less group is in no box.
    assert names(client.get(API, {"bbox": "8.3,49.98,8.5,50.1"}).json()) == ["Repair-Café"]
    assert names(client.get(API, {"bbox": "5.8,47.2,15.1,55.1"}).json()) == [
        "Garten Ost", "Repair-Café", "Repair-Café Konstanz"]
    assert client.get(API, {"category": "gibt-es-nicht"}).json()["count"] == 0


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "8,50,9,49", "8,49,200,50", "nan,1,2,3",
                                  "8,49,,50"])
def test_an_invalid_bbox_is_a_clear_400(client, initiatives, bbox):
    response = client.get(API, {"bbox": bbox})
    assert response.status_code == 400
    message = response.json()["bbox"][0]
    assert "west,south,east,north" in message


def test_an_unknown_municipality_is_a_400(client, initiatives):
    response = client.get(API, {"municipality": "atlantis"})
    assert response.status_code == 400
    assert "atlantis" in response.json()["municipality"][0]


def test_pagination_with_limit_and_offset(client, initiatives):
    first = client.get(API, {"limit": 2}).json()
    assert first["count"] == 4 and len(first["features"]) == 2
    assert first["previous"] is None and "offset=2" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["features"]) == 2 and second["next"] is None
    assert second["previous"] is not None
    assert names(first) + names(second) == ["Garten Ost", "Klimagruppe ohne Ort", "Repair-Café",
                                            "Repair-Café Konstanz"]


def test_the_number_of_queries_does_not_grow_with_the_page(client, municipality):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(API, {"limit": 500}).status_code == 200
        return len(queries)

    published(municipality, "Eins")
    few = count()
    for number in range(30):
        published(municipality, f"Initiative {number}", categories=("bildung", "naturschutz"))
    assert count() == few <= 3


def test_documented_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/initiatives/"]["get"]
    parameters = {parameter["name"] for parameter in operation["parameters"]}
    assert {"bbox", "category", "q", "municipality", "limit", "offset"} <= parameters
    body = operation["responses"]["200"]["content"]
    schema_of_page = next(iter(body.values()))["schema"]
    assert {"type", "count", "next", "previous", "features"} <= set(
        schema_of_page["properties"])
    assert "400" in operation["responses"]
