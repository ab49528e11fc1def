"""Steps the dataset's pages share: who may open them. Sorting and a list page's context come
from the core's view toolkit (`partnership.views.toolkit`)."""

from partnership.views.toolkit import require

from ..permissions import can_view_dataset


def require_reader(request) -> None:
    """A 403 for a signed-in person with no role in the partnership (see `permissions`)."""
    require(can_view_dataset(request.user))
