from community.models.barter import BarterPost, Endorsement, Exchange
from community.models.membership import SpaceMembership
from community.models.profile import Profile, Visibility
from community.models.skill import Skill

__all__ = [
    "BarterPost",
    "Endorsement",
    "Exchange",
    "Profile",
    "Skill",
    "SpaceMembership",
    "Visibility",
]
