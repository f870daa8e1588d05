from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files once ``collectstatic`` has run.

    Before that (a development checkout, the test suite) there is no manifest,
    and pages link the plain file names that the development server serves.
    """

    def stored_name(self, name):
        if not self.hashed_files:
            return name
        return super().stored_name(name)
