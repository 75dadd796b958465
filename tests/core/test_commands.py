import pytest
from django.core.management import CommandError, call_command

from gemeinsam.accounts.models import User
from gemeinsam.core.models import Invitation, JoinRequest, Membership, Municipality, Role


@pytest.mark.django_db(transaction=True)
def test_demo_data_loads_twice_without_duplicates(client):
    call_command("load_demo")
    counts = [Municipality.objects.count(), User.objects.count(), Membership.objects.count(),
              Invitation.objects.count(), JoinRequest.objects.count()]
    call_command("load_demo")
    assert [Municipality.objects.count(), User.objects.count(), Membership.objects.count(),
            Invitation.objects.count(), JoinRequest.objects.count()] == counts

    ruesselsheim = Municipality.objects.get(slug="ruesselsheim-am-main")
    assert ruesselsheim.population == 66125
    roles = set(Membership.objects.filter(municipality=ruesselsheim).values_list("role", flat=True))
    assert roles == {Role.MEMBER, Role.COORDINATOR, Role.ADMINISTRATION}
    assert client.post("/konto/login/", {"login": "koordination@example.org",
                                         "password": "gemeinsam-demo"}).status_code == 302


@pytest.mark.django_db
def test_import_command_reports_bad_rows(tmp_path):
    directory = tmp_path / "ags.csv"
    directory.write_text('"ags","description"\n"1","Kaputt"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("import_municipalities", "--directory", str(directory))
