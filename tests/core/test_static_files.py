"""`collectstatic` with the production storage: what `dev.py serve` and a deployment run."""

import json

from django.core.management import call_command


def test_collectstatic_with_the_production_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "gemeinsam.core.storage.StaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ["vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
                 "vendor/leaflet-markercluster/leaflet.markercluster.js",
                 "participation/map.js", "participation/embed-host.js"]:
        assert (tmp_path / manifest[name]).exists(), name
    # The stylesheet points at its images under their hashed names.
    css = (tmp_path / manifest["vendor/leaflet/leaflet.css"]).read_text()
    assert manifest["vendor/leaflet/images/layers.png"].split("/")[-1] in css
