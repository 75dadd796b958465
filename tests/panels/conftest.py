import pytest

from .factories import make_panel


@pytest.fixture
def panel(municipality, administration):
    """A panel in preparation, managed by the `administration` member who created it."""
    return make_panel(municipality=municipality, created_by=administration)
