"""RSS and Atom feeds of the live opportunities, read by anyone: names as a visitor sees them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from community.visibility import public_name
from opportunities import selectors
from spaces.rendering import render_markdown


class OpportunitiesRss(Feed):
    title = _("Maillage: opportunities of the network")
    description = _("Jobs, missions, collaborations, projects and calls of the network.")
    link = reverse_lazy("opportunities:list")

    def items(self):
        return list(selectors.feed_items())

    def item_title(self, item):
        return f"{item.title} ({item.kind_label})"

    def item_description(self, item):
        return render_markdown(item.description)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return public_name(item.author, AnonymousUser())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [skill.label for skill in item.skills.all()]


class OpportunitiesAtom(OpportunitiesRss):
    feed_type = Atom1Feed
    subtitle = OpportunitiesRss.description
