"""Scorers against gold annotations: entities (:mod:`pipeline.evaluate.entities`) and
passage dimensions (:mod:`pipeline.evaluate.dimensions`)."""
