"""The static site of the series (`make site`): ``python -m tools.site.build_site``."""
