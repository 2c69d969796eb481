"""chat-archiver: keep customer-service chats as receipts.

Library first: `archiver.importer.import_paths` imports saved pages into an
`archiver.store.Archive`; the CLI in `archiver.cli` is a thin layer over it.
"""

__version__ = "0.1.0"
