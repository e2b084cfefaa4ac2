"""The review page (FastAPI app) and the export of reviewed annotations as training data."""
