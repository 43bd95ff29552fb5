"""Converters that turn openly licensed event-coding dictionaries into the CSV files of `seeds/reference/`.

`dictionary` reads the TABARI / PETRARCH dictionary formats (actors, agents, verbs); `actors` and
`cameo_verbs` are the two commands that write the reference tables from them. Nothing here is
imported by the pipeline at run time: the pipeline reads only the CSV files.
"""
