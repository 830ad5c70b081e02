from whitenoise.storage import CompressedManifestStaticFilesStorage


class CompressedManifestStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files whose JavaScript module imports are rewritten too."""

    support_js_module_import_aggregation = True
