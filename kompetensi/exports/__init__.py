"""Excel exports by area (rows from `values_list().iterator()`, written by asn_kinerja.xlsx)."""
