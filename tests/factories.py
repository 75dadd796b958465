import factory
from allauth.account.models import EmailAddress

from gemeinsam.accounts.models import User
from gemeinsam.core.models import AreaKind, DirectoryEntry, Membership, Municipality, Role

PASSWORD = "ein-sicheres-Passwort-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class DirectoryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryEntry

    ags = factory.Sequence(lambda n: f"{6433000 + n:08d}"[:8])
    official_name = factory.Sequence(lambda n: f"Musterstadt {n}, Stadt")
    kind = AreaKind.MUNICIPALITY
    population = 66125


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    directory_entry = factory.SubFactory(DirectoryEntryFactory)
    name = factory.LazyAttribute(lambda m: m.directory_entry.short_name)
    slug = factory.Sequence(lambda n: f"musterstadt-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.MEMBER
