"""Articles in and out of other formats: Word files in; ninjs and PDF out.

Pure conversions over the core's ``Article`` (and ``render`` for the HTML of a body);
the services store what comes in, the faces choose the files. PDF needs QtWebEngine,
so its maker lives in the ui and is handed to the command line by the entry point.
"""
