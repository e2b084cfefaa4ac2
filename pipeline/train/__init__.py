"""Training models into the registry (models/<name>/<version>/)."""
