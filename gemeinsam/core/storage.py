"""How static files are stored for production."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, cache-busted storage, rewriting references in CSS only.

    Vendor scripts from packages (Leaflet.markercluster) name source maps they do not ship;
    rewriting a script's source-map comment would fail the whole collectstatic for a file that
    only a developer's browser tools ever ask for.
    """

    patterns = tuple((extension, rules) for extension, rules
                     in CompressedManifestStaticFilesStorage.patterns if extension == "*.css")
