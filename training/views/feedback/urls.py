"""URLs of this area of training."""

urlpatterns: list = []
