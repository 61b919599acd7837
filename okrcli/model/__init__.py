"""The domain: Pydantic models of a sheet, values as SPEC 2.1 reads them, periods, refs, the sheet's JSON Schema. Pure: no I/O."""
