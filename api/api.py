"""The public JSON API (OpenAPI documentation at /api/docs)."""

from ninja import NinjaAPI

from api.events import router as events_router
from api.opportunities import router as opportunities_router
from api.spaces import router as spaces_router
from api.surveys import router as surveys_router

api = NinjaAPI(
    title="Maillage API",
    version="1",
    description="Open data of a network of coworking spaces and tiers-lieux.",
    urls_namespace="api",
)
api.add_router("/spaces", spaces_router)
api.add_router("/opportunities", opportunities_router)
api.add_router("/events", events_router)
api.add_router("/surveys", surveys_router)
