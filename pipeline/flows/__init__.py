"""Prefect flows: thin wiring over the stage functions (the only package that imports prefect).

Importing it first sets the variables that keep Prefect and the model libraries offline
(``configure_offline``), before any flow module imports prefect.
"""

from pipeline.settings import configure_offline

configure_offline()
