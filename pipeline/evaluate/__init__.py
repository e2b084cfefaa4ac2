"""Scorers against gold annotations: entities (:mod:`pipeline.evaluate.entities`) and
passage dimensions (:mod:`pipeline.evaluate.dimensions`); precision, recall, F1 and their
bootstrap intervals for every scorer (:mod:`pipeline.evaluate.metrics`)."""
