"""Spaces made through the real service, for tests."""

from spaces import services


def make_space(name, town, country="FR", translations=None, **values):
    return services.space_save(
        space=None,
        values={"name": name, "town": town, "country": country, **values},
        translations=translations or {},
    )
