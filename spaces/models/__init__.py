from spaces.models.import_batch import ImportBatch
from spaces.models.network import Network
from spaces.models.proposal import Proposal
from spaces.models.space import OpeningSlot, Space, SpacePhoto, SpaceRevision, SpaceTranslation

__all__ = [
    "ImportBatch",
    "Network",
    "OpeningSlot",
    "Proposal",
    "Space",
    "SpacePhoto",
    "SpaceRevision",
    "SpaceTranslation",
]
